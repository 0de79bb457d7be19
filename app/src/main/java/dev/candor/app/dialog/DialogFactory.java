package dev.candor.app.dialog;

import dev.candor.app.config.CandorConfig;
import dev.candor.app.config.ConfigException;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.catalog.Catalog;
import dev.candor.dialog.catalog.CatalogException;
import dev.candor.dialog.catalog.CatalogLoader;
import dev.candor.dialog.catalog.EmbeddingCatalogSearch;
import dev.candor.dialog.intent.EmbeddingIntentDetector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import dev.candor.dialog.llm.ChatModels;
import dev.candor.dialog.llm.LlmSettings;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Makes conversations the way the configuration says: same policy and guardrails for calls and chat.
 * Built once per node: it holds the catalog, the embedding model and, with {@code dialog.llm.provider}
 * set, the language model client and the threads its calls run on ({@link #close()} stops them).
 */
public final class DialogFactory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DialogFactory.class);
    private final CandorConfig config;
    private final DialogOptions options;
    private final Optional<ChatModel> model;
    private final Optional<StreamingChatModel> streaming;
    private final Duration modelTimeout;
    private final ExecutorService modelCalls;

    private DialogFactory(CandorConfig config, DialogOptions options, Optional<ChatModel> model,
                          Optional<StreamingChatModel> streaming, Duration modelTimeout) {
        this.config = config;
        this.options = options;
        this.model = model;
        this.streaming = streaming;
        this.modelTimeout = modelTimeout;
        this.modelCalls = model.isEmpty() ? null : Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), runnable -> {
                    Thread t = new Thread(runnable, "candor-llm-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();

    /** As {@link #fromConfig(CandorConfig, Map)} with the process environment. */
    public static DialogFactory fromConfig(CandorConfig config) {
        return fromConfig(config, System.getenv());
    }

    /**
     * Reads the catalog ({@code dialog.catalog}, or the sample) and the dialog settings, and loads the
     * embedding model once when {@code dialog.retrieval} is {@code embedding}; with a language model
     * configured, builds its client, taking the API key from the environment variable named by
     * {@code dialog.llm.api-key-env}.
     *
     * @throws ConfigException when the catalog file cannot be used, naming the key and the problem
     */
    public static DialogFactory fromConfig(CandorConfig config, Map<String, String> environment) {
        Objects.requireNonNull(config, "config");
        CandorConfig.DialogSettings dialog = config.dialog();
        Catalog catalog;
        try {
            catalog = dialog.catalog().isEmpty() ? CatalogLoader.sample() : CatalogLoader.load(Path.of(dialog.catalog()));
        } catch (CatalogException e) {
            throw ConfigException.invalid("dialog.catalog", "\"" + dialog.catalog() + "\"",
                    "a valid catalog: " + e.getMessage());
        }
        DialogOptions options = DialogOptions.withCatalog(catalog)
                .withTimeZone(ZoneId.of(config.company().timeZone()))
                .withThresholds(BigDecimal.valueOf(dialog.highValueAmount()), dialog.highValueSeats());
        if (dialog.retrieval().equals("embedding")) {
            EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
            options = options.withSearch(
                    new EmbeddingCatalogSearch(catalog, model, EmbeddingCatalogSearch.DEFAULT_MIN_COSINE),
                    new EmbeddingIntentDetector(model));
        }
        if (!dialog.sensitiveTopics().isEmpty()) {
            options = options.withSensitiveTopics(dialog.sensitiveTopics());
        }
        CandorConfig.Llm llm = dialog.llm();
        Duration timeout = Duration.ofMillis(llm.timeoutMillis());
        Optional<ChatModel> model = Optional.empty();
        Optional<StreamingChatModel> streaming = Optional.empty();
        if (llm.enabled()) {
            String key = llm.apiKey(environment);
            if (!llm.apiKeyEnv().isEmpty() && key.isEmpty()) {
                LOG.warn("dialog.llm.api-key-env names {}, which is not set: requests to {} carry no API key",
                        llm.apiKeyEnv(), llm.baseUrl());
            }
            LlmSettings settings = new LlmSettings(llm.provider(), llm.baseUrl(), llm.model(), key, timeout);
            model = Optional.of(ChatModels.create(settings));
            if (llm.stream()) {
                streaming = Optional.of(ChatModels.createStreaming(settings));
            }
            LOG.info("language model {} at {} ({}), {} ms per turn before the built-in policy answers",
                    llm.model(), llm.baseUrl(), llm.provider(), llm.timeoutMillis());
        }
        return new DialogFactory(config, options, model, streaming, timeout);
    }

    /** Whether conversations are phrased by a language model (with the built-in policy as fallback). */
    public boolean usesLanguageModel() {
        return model.isPresent();
    }

    /** The options every conversation of this node shares. */
    public DialogOptions options() {
        return options;
    }

    /** What a conversation knows about its call. {@code speechRecognition} false offers keys instead. */
    public ConversationSettings settings(boolean speechRecognition) {
        return new ConversationSettings(config.company().name(), config.recording().enabled(), speechRecognition);
    }

    /** A new conversation for one call or chat. */
    public Conversation newConversation(Scenario scenario, boolean speechRecognition) {
        return model.isPresent()
                ? Conversations.withModel(settings(speechRecognition), options, scenario, model.get(),
                        streaming.orElse(null), modelTimeout, modelCalls)
                : Conversations.builtIn(settings(speechRecognition), options, scenario);
    }

    @Override
    public void close() {
        if (modelCalls != null) {
            modelCalls.shutdownNow();
        }
    }
}
