package dev.candor.dialog.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/** Builds the LangChain4j chat model for the configured provider. */
public final class ChatModels {
    private ChatModels() {
    }

    public static ChatModel create(LlmSettings settings) {
        return switch (settings.provider()) {
            case "openai" -> OpenAiChatModel.builder()
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                    .modelName(settings.model())
                    .timeout(settings.timeout().multipliedBy(2))
                    .maxRetries(0)
                    .temperature(0.3)
                    .build();
            case "ollama" -> OllamaChatModel.builder()
                    .baseUrl(settings.baseUrl())
                    .modelName(settings.model())
                    .timeout(settings.timeout().multipliedBy(2))
                    .maxRetries(0)
                    .temperature(0.3)
                    .build();
            default -> throw new IllegalArgumentException("invalid provider: " + settings.provider());
        };
    }

    /** The same model, streamed token by token (server-sent events for OpenAI, JSON lines for Ollama). */
    public static StreamingChatModel createStreaming(LlmSettings settings) {
        return switch (settings.provider()) {
            case "openai" -> OpenAiStreamingChatModel.builder()
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                    .modelName(settings.model())
                    .timeout(settings.timeout().multipliedBy(4))
                    .temperature(0.3)
                    .build();
            case "ollama" -> OllamaStreamingChatModel.builder()
                    .baseUrl(settings.baseUrl())
                    .modelName(settings.model())
                    .timeout(settings.timeout().multipliedBy(4))
                    .temperature(0.3)
                    .build();
            default -> throw new IllegalArgumentException("invalid provider: " + settings.provider());
        };
    }
}
