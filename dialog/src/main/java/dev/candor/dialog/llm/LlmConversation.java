package dev.candor.dialog.llm;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.Conversation.ActionSink;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.policy.BuiltInPolicy;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;

/**
 * A conversation phrased by a language model, with the built-in policy running alongside. Each turn:
 * <ol>
 *   <li>the built-in policy sees the event first; if it hands off, ends the call, books a callback or
 *       marks do-not-call, that stands (rules are code, not prompt text); key presses, silence, hang-ups,
 *       transcripts below {@link BuiltInPolicy#LOW_CONFIDENCE} and "are you a person?" are its alone;</li>
 *   <li>otherwise the model gets the turn, may call tools (up to {@value #MAX_TOOL_ROUNDS} rounds), and
 *       its reply is said; a handoff it asks for carries the built-in policy's summary (who, what, BANT,
 *       score, why), and an end or do-not-call carries the qualification and score;</li>
 *   <li>if the model does not answer within the timeout, fails, or says nothing, the built-in policy's
 *       reply is said instead and an {@code llm_fallback} decision is reported.</li>
 * </ol>
 * Wrap it in the guardrails like any policy ({@link dev.candor.dialog.Conversations#withModel}). One
 * call at a time; the model call runs on {@code executor}, the calling thread waits at most the timeout.
 */
public final class LlmConversation implements Conversation {
    static final int MAX_TOOL_ROUNDS = 3;
    /** What the model is told when the call connects, in place of caller words. */
    static final String CALL_CONNECTED = "(The call has just connected. Open the call.)";
    private static final Logger LOG = LoggerFactory.getLogger(LlmConversation.class);
    private final BuiltInPolicy rules;
    private final ChatModel model;
    private final StreamingChatModel streaming;
    private final Duration timeout;
    private final Executor executor;
    private final CandorTools tools;
    private final dev.candor.dialog.intent.IntentDetector intents;
    private final List<ChatMessage> history = new ArrayList<>();
    private boolean over;

    public LlmConversation(ConversationSettings settings, DialogOptions options, Scenario scenario, ChatModel model,
                           Duration timeout, Executor executor) {
        this(settings, options, scenario, model, null, timeout, executor);
    }

    /**
     * With {@code streaming} (the same model, streamed), turns that have an {@link ActionSink} are
     * streamed: each sentence is offered as soon as the model has finished it. The timeout then bounds
     * the wait for the first sentence, and for each later piece of the reply.
     */
    public LlmConversation(ConversationSettings settings, DialogOptions options, Scenario scenario, ChatModel model,
                           StreamingChatModel streaming, Duration timeout, Executor executor) {
        this.rules = new BuiltInPolicy(settings, options, scenario);
        this.model = Objects.requireNonNull(model, "model");
        this.streaming = streaming;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tools = new CandorTools(options);
        this.intents = options.intents();
        history.add(SystemMessage.from(SystemPrompt.build(settings, options.catalog(), scenario)));
    }

    @Override
    public List<AgentAction> start() {
        return start(null);
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event) {
        return onEvent(event, null);
    }

    @Override
    public List<AgentAction> start(ActionSink early) {
        List<AgentAction> fallback = rules.start();
        if (decisive(fallback)) {
            return byRules(CALL_CONNECTED, fallback);
        }
        return modelTurn(CALL_CONNECTED, fallback, early);
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event, ActionSink early) {
        if (over) {
            return event instanceof CallerEvent.Hangup ? rules.wrapUp() : List.of();
        }
        List<AgentAction> fallback = rules.onEvent(event);
        if (event instanceof CallerEvent.Hangup) {
            over = true;
            return fallback;
        }
        if (!(event instanceof CallerEvent.Utterance utterance)) {
            return byRules(describe(event), fallback);
        }
        if (decisive(fallback) || utterance.confidence() < BuiltInPolicy.LOW_CONFIDENCE
                || intents.is(utterance.text(), dev.candor.dialog.intent.Intent.ASKS_IF_HUMAN)) {
            return byRules(utterance.text(), fallback);
        }
        return modelTurn(utterance.text(), fallback, early);
    }

    /** Actions the rules take that the model may not override. */
    private static boolean decisive(List<AgentAction> actions) {
        return actions.stream().anyMatch(a -> a instanceof AgentAction.Handoff || a instanceof AgentAction.EndCall
                || a instanceof AgentAction.MarkDoNotCall || a instanceof AgentAction.ScheduleCallback);
    }

    private static boolean terminal(AgentAction action) {
        return action instanceof AgentAction.Handoff || action instanceof AgentAction.EndCall
                || action instanceof AgentAction.MarkDoNotCall;
    }

    /** The rules answered: the model still sees the turn, so the next one follows on. */
    private List<AgentAction> byRules(String callerText, List<AgentAction> actions) {
        history.add(UserMessage.from(callerText));
        String said = spoken(actions);
        history.add(AiMessage.from(said.isEmpty() ? "(no reply)" : said));
        over |= actions.stream().anyMatch(LlmConversation::terminal) || rules.over();
        return actions;
    }

    private List<AgentAction> modelTurn(String callerText, List<AgentAction> fallback, ActionSink early) {
        if (streaming != null && early != null) {
            return new StreamedTurn(callerText, fallback, early).run();
        }
        List<ChatMessage> turn = new ArrayList<>(history);
        turn.add(UserMessage.from(callerText));
        CompletableFuture<Reply> future = CompletableFuture.supplyAsync(() -> converse(turn), executor);
        try {
            Reply reply = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.actions().isEmpty()) {
                return fallBack(callerText, fallback, "empty", "the model said nothing and called no tool");
            }
            history.clear();
            history.addAll(reply.messages());
            rules.modelAnswered();
            return completed(reply.actions(), false);
        } catch (TimeoutException e) {
            future.cancel(true);
            return fallBack(callerText, fallback, "timeout", "no reply within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("language model failed, the built-in policy answers: {}", describe(cause));
            return fallBack(callerText, fallback, "error", describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallBack(callerText, fallback, "interrupted", "the call thread was interrupted");
        }
    }

    private List<AgentAction> fallBack(String callerText, List<AgentAction> fallback, String reason, String details) {
        List<AgentAction> out = new ArrayList<>(byRules(callerText, fallback));
        out.add(new AgentAction.Decision("llm_fallback", reason, details + "; the built-in policy answered"));
        return out;
    }

    /**
     * The model's actions made whole: its handoff gets the rules' summary and a spoken notice, an end or
     * do-not-call gets the qualification, score and end. Nothing after a terminal action.
     */
    private List<AgentAction> completed(List<AgentAction> actions, boolean saidAlready) {
        List<AgentAction> out = new ArrayList<>();
        for (AgentAction action : actions) {
            if (action instanceof AgentAction.Handoff handoff) {
                if (!saidAlready && out.stream().noneMatch(a -> a instanceof AgentAction.Say)) {
                    out.add(new AgentAction.Say(BuiltInPolicy.CONNECTING));
                }
                out.add(rules.handOffFor(handoff.reason(), "the language model handed over: " + handoff.summary()));
                over = true;
                return out;
            }
            if (action instanceof AgentAction.MarkDoNotCall) {
                out.add(action);
                out.addAll(rules.wrapUp());
                out.add(new AgentAction.EndCall("do_not_call"));
                over = true;
                return out;
            }
            if (action instanceof AgentAction.EndCall) {
                out.addAll(rules.wrapUp());
                out.add(action);
                over = true;
                return out;
            }
            out.add(action);
        }
        return out;
    }

    /** What a streamed model call reports, in the order it happened. */
    private sealed interface StreamEvent {
        record Text(String text) implements StreamEvent {
        }

        record Complete(AiMessage message) implements StreamEvent {
        }

        record Failed(Throwable error) implements StreamEvent {
        }
    }

    /** One model call in flight: its events queue up for the conversation's thread. */
    private static final class ModelStream implements StreamingChatResponseHandler {
        private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
        private volatile StreamingHandle handle;
        private volatile boolean abandoned;

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle = context.streamingHandle();
            if (abandoned) {
                handle.cancel();
            } else if (partial.text() != null && !partial.text().isEmpty()) {
                events.add(new StreamEvent.Text(partial.text()));
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            events.add(new StreamEvent.Complete(response.aiMessage()));
        }

        @Override
        public void onError(Throwable error) {
            events.add(new StreamEvent.Failed(error));
        }

        /** The next event, or null when none came within {@code nanos}. */
        StreamEvent next(long nanos) throws InterruptedException {
            return events.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }

        /** Nobody wants the rest: stop the model if it can be stopped, and ignore whatever still comes. */
        void abandon() {
            abandoned = true;
            StreamingHandle h = handle;
            if (h != null) {
                h.cancel();
            }
        }
    }

    /**
     * A turn whose reply is streamed: each sentence is offered as soon as it is complete. Until the first
     * sentence (or a tool's action) is offered, the turn can still fall back to the built-in policy
     * within the timeout; after that the model's reply stands, and if the model stalls for longer than
     * the timeout or fails, what was said stands and an {@code llm_fallback} decision records the stop.
     */
    private final class StreamedTurn {
        private final String callerText;
        private final List<AgentAction> fallback;
        private final ActionSink early;
        private final List<ChatMessage> conversation = new ArrayList<>(history);
        private final List<AgentAction> actions = new ArrayList<>();
        private final StringBuilder said = new StringBuilder();
        private final long firstDeadline;
        private boolean committed;

        StreamedTurn(String callerText, List<AgentAction> fallback, ActionSink early) {
            this.callerText = callerText;
            this.fallback = fallback;
            this.early = early;
            this.firstDeadline = System.nanoTime() + timeout.toNanos();
            conversation.add(UserMessage.from(callerText));
        }

        List<AgentAction> run() {
            try {
                for (int round = 0; round < MAX_TOOL_ROUNDS; round++) {
                    ModelStream stream = new ModelStream();
                    streaming.chat(ChatRequest.builder().messages(conversation)
                            .toolSpecifications(CandorTools.specifications()).build(), stream);
                    Optional<List<AgentAction>> outcome = follow(stream);
                    if (outcome.isPresent()) {
                        return outcome.get();
                    }
                    AiMessage ai = (AiMessage) conversation.get(conversation.size() - 1);
                    if (!ai.hasToolExecutionRequests() || executeTools(ai)) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return committed ? finish(List.of())
                        : fallBack(callerText, fallback, "interrupted", "the call thread was interrupted");
            } catch (RuntimeException e) {
                LOG.warn("language model failed, the built-in policy answers: {}", describe(e));
                return committed ? stopped("error", describe(e))
                        : fallBack(callerText, fallback, "error", describe(e));
            }
            if (!committed && actions.isEmpty()) {
                return fallBack(callerText, fallback, "empty", "the model said nothing and called no tool");
            }
            return finish(completed(actions, committed));
        }

        /**
         * Follows one model call to its end, offering sentences as they complete. Returns the turn's
         * result when the turn ended early (fallback, stall, interruption), empty when the call completed
         * and its message was added to the conversation.
         */
        private Optional<List<AgentAction>> follow(ModelStream stream) throws InterruptedException {
            SentenceChunker chunker = new SentenceChunker();
            while (true) {
                long wait = committed ? timeout.toNanos() : firstDeadline - System.nanoTime();
                StreamEvent event = stream.next(wait);
                if (event == null) {
                    stream.abandon();
                    return Optional.of(committed
                            ? stopped("stalled", "the model sent nothing for " + timeout.toMillis() + " ms mid-reply")
                            : fallBack(callerText, fallback, "timeout", "no reply within " + timeout.toMillis() + " ms"));
                }
                if (event instanceof StreamEvent.Failed failed) {
                    LOG.warn("language model failed, the built-in policy answers: {}", describe(failed.error()));
                    return Optional.of(committed ? stopped("error", describe(failed.error()))
                            : fallBack(callerText, fallback, "error", describe(failed.error())));
                }
                List<String> sentences = event instanceof StreamEvent.Text text ? chunker.add(text.text())
                        : chunker.finish();
                for (String sentence : sentences) {
                    if (!offer(sentence)) {
                        stream.abandon();
                        return Optional.of(interrupted());
                    }
                }
                if (event instanceof StreamEvent.Complete complete) {
                    conversation.add(complete.message());
                    return Optional.empty();
                }
            }
        }

        private boolean offer(String sentence) {
            committed = true;
            boolean wanted = early.offer(new AgentAction.Say(sentence));
            said.append(said.isEmpty() ? "" : " ").append(sentence);
            return wanted;
        }

        /** Runs the tools the model asked for; true when one of them ends the turn. */
        private boolean executeTools(AiMessage ai) {
            boolean ends = false;
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                CandorTools.Outcome outcome = tools.execute(request);
                outcome.action().ifPresent(actions::add);
                ends |= outcome.action().filter(LlmConversation::terminal).isPresent();
                conversation.add(ToolExecutionResultMessage.from(request, outcome.resultForModel()));
            }
            return ends;
        }

        /** The caller interrupted: the model remembers what was actually said, nothing more is done. */
        private List<AgentAction> interrupted() {
            history.add(UserMessage.from(callerText));
            history.add(AiMessage.from(said.toString()));
            rules.modelAnswered();
            return List.of();
        }

        /** The model stopped mid-reply: what was said stands, and the stop is recorded. */
        private List<AgentAction> stopped(String reason, String details) {
            history.add(UserMessage.from(callerText));
            history.add(AiMessage.from(said.isEmpty() ? "(no reply)" : said.toString()));
            rules.modelAnswered();
            return List.of(new AgentAction.Decision("llm_fallback", reason,
                    details + "; the reply stopped after what had been said"));
        }

        private List<AgentAction> finish(List<AgentAction> out) {
            history.clear();
            history.addAll(conversation);
            rules.modelAnswered();
            return out;
        }
    }

    /** The messages after the turn and the actions it produced. */
    private record Reply(List<ChatMessage> messages, List<AgentAction> actions) {
    }

    private Reply converse(List<ChatMessage> messages) {
        List<ChatMessage> conversation = new ArrayList<>(messages);
        List<AgentAction> actions = new ArrayList<>();
        for (int round = 0; round < MAX_TOOL_ROUNDS; round++) {
            AiMessage ai = model.chat(ChatRequest.builder().messages(conversation)
                    .toolSpecifications(CandorTools.specifications()).build()).aiMessage();
            conversation.add(ai);
            addSay(actions, ai.text());
            if (!ai.hasToolExecutionRequests()) {
                return new Reply(conversation, actions);
            }
            boolean ends = false;
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                CandorTools.Outcome outcome = tools.execute(request);
                outcome.action().ifPresent(actions::add);
                ends |= outcome.action().filter(LlmConversation::terminal).isPresent();
                conversation.add(ToolExecutionResultMessage.from(request, outcome.resultForModel()));
            }
            if (ends) {
                return new Reply(conversation, actions);
            }
        }
        return new Reply(conversation, actions);
    }

    private static void addSay(List<AgentAction> actions, String text) {
        Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty())
                .ifPresent(t -> actions.add(new AgentAction.Say(t)));
    }

    private static String spoken(List<AgentAction> actions) {
        return String.join(" ", actions.stream().filter(a -> a instanceof AgentAction.Say)
                .map(a -> ((AgentAction.Say) a).text()).toList());
    }

    private static String describe(CallerEvent event) {
        if (event instanceof CallerEvent.Dtmf dtmf) {
            return "(The caller pressed " + dtmf.digit() + ".)";
        }
        if (event instanceof CallerEvent.Silence silence) {
            return "(The caller said nothing for " + silence.millis() + " ms.)";
        }
        return "(" + event + ")";
    }

    /** An error for the log and the stored decision: its type and message, never a request or a key. */
    private static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage().lines().findFirst().orElse("");
        String text = error.getClass().getSimpleName() + message;
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
