package dev.candor.dialog;

import dev.candor.dialog.guardrail.GuardedConversation;
import dev.candor.dialog.llm.LlmConversation;
import dev.candor.dialog.policy.BuiltInPolicy;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

import java.time.Duration;
import java.util.concurrent.Executor;

/** Makes the conversation for a call: a policy, behind the guardrails. */
public final class Conversations {
    private Conversations() {
    }

    /** The built-in policy for an inbound call, with the sample catalog and default options. */
    public static Conversation builtIn(ConversationSettings settings) {
        return builtIn(settings, DialogOptions.defaults(), Scenario.inbound());
    }

    /** The built-in policy with the given options (catalog, time zone, thresholds) and scenario. */
    public static Conversation builtIn(ConversationSettings settings, DialogOptions options, Scenario scenario) {
        return new GuardedConversation(new BuiltInPolicy(settings, options, scenario), settings, options);
    }

    /**
     * A language model phrases the conversation, the built-in policy runs alongside it and answers when
     * the model takes longer than {@code timeout} or fails; the same guardrails apply last. The model is
     * called on {@code executor}.
     */
    public static Conversation withModel(ConversationSettings settings, DialogOptions options, Scenario scenario,
                                         ChatModel model, Duration timeout, Executor executor) {
        return new GuardedConversation(new LlmConversation(settings, options, scenario, model, timeout, executor),
                settings, options);
    }

    /**
     * As {@link #withModel(ConversationSettings, DialogOptions, Scenario, ChatModel, Duration, Executor)}, with
     * the same model streamed: turns asked for with an {@link Conversation.ActionSink} offer each sentence
     * as soon as the model has finished it, behind the same guardrails.
     */
    public static Conversation withModel(ConversationSettings settings, DialogOptions options, Scenario scenario,
                                         ChatModel model, StreamingChatModel streaming, Duration timeout,
                                         Executor executor) {
        return new GuardedConversation(new LlmConversation(settings, options, scenario, model, streaming, timeout,
                executor), settings, options);
    }
}
