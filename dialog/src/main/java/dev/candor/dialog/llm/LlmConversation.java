package dev.candor.dialog.llm;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
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
import dev.langchain4j.model.chat.request.ChatRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
    private final Duration timeout;
    private final Executor executor;
    private final CandorTools tools;
    private final dev.candor.dialog.intent.IntentDetector intents;
    private final List<ChatMessage> history = new ArrayList<>();
    private boolean over;

    public LlmConversation(ConversationSettings settings, DialogOptions options, Scenario scenario, ChatModel model,
                           Duration timeout, Executor executor) {
        this.rules = new BuiltInPolicy(settings, options, scenario);
        this.model = Objects.requireNonNull(model, "model");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tools = new CandorTools(options);
        this.intents = options.intents();
        history.add(SystemMessage.from(SystemPrompt.build(settings, options.catalog(), scenario)));
    }

    @Override
    public List<AgentAction> start() {
        List<AgentAction> fallback = rules.start();
        if (decisive(fallback)) {
            return byRules(CALL_CONNECTED, fallback);
        }
        return modelTurn(CALL_CONNECTED, fallback);
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event) {
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
        return modelTurn(utterance.text(), fallback);
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

    private List<AgentAction> modelTurn(String callerText, List<AgentAction> fallback) {
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
            return completed(reply.actions());
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
    private List<AgentAction> completed(List<AgentAction> actions) {
        List<AgentAction> out = new ArrayList<>();
        for (AgentAction action : actions) {
            if (action instanceof AgentAction.Handoff handoff) {
                if (out.stream().noneMatch(a -> a instanceof AgentAction.Say)) {
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
