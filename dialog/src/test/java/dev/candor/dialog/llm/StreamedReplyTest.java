package dev.candor.dialog.llm;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.Decision;
import dev.candor.dialog.AgentAction.Say;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.guardrail.Disclosure;
import dev.candor.dialog.policy.BuiltInPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.candor.dialog.ScriptedCall.NORTHWIND;
import static dev.candor.dialog.ScriptedCall.only;
import static dev.candor.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streamed replies: through LangChain4j's streaming OpenAI client against the loopback stub answering
 * with server-sent events, behind the guardrails. Sentences reach the call while the model is still
 * writing the rest; the guardrails apply per sentence and to the turn's length.
 */
class StreamedReplyTest {
    private static final Duration TIMEOUT = Duration.ofMillis(2500);
    private static final String GREETING = "Hi, thanks for calling Northwind. What can I help you with?";
    private OpenAiStub stub;
    private ExecutorService executor;
    private final BlockingQueue<AgentAction> early = new LinkedBlockingQueue<>();

    @BeforeEach
    void startStub() throws IOException {
        stub = new OpenAiStub();
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopStub() {
        stub.close();
        executor.shutdownNow();
    }

    private Conversation conversation(Duration timeout) {
        LlmSettings settings = new LlmSettings("openai", stub.baseUrl(), "stub-model", "test-key-123", timeout);
        return Conversations.withModel(NORTHWIND, ScriptedCall.options(), Scenario.inbound(),
                ChatModels.create(settings), ChatModels.createStreaming(settings), timeout, executor);
    }

    /** A conversation whose (non-streamed) greeting has been said and its request taken. */
    private Conversation started(Duration timeout) throws InterruptedException {
        stub.enqueueText(GREETING);
        Conversation conversation = conversation(timeout);
        conversation.start();
        stub.takeRequest();
        return conversation;
    }

    private AgentAction nextEarly() throws InterruptedException {
        AgentAction action = early.poll(5, TimeUnit.SECONDS);
        assertThat(action).as("an action offered before the turn ended").isNotNull();
        return action;
    }

    private CompletableFuture<List<AgentAction>> turn(Conversation conversation, String words) {
        return CompletableFuture.supplyAsync(() -> conversation.onEvent(new CallerEvent.Utterance(words, 0.9),
                early::add), executor);
    }

    @Test
    void theFirstSentenceIsOfferedWhileTheModelIsStillWritingTheRest() throws Exception {
        Conversation conversation = started(TIMEOUT);
        CountDownLatch gate = new CountDownLatch(1);
        stub.enqueueStream(List.of("Every plan has a ", "14-day free trial. ", "You can"), gate,
                List.of(" start it today."));

        CompletableFuture<List<AgentAction>> turn = turn(conversation, "can I try it first");

        assertThat(nextEarly()).isEqualTo(new Say("Every plan has a 14-day free trial."));
        assertThat(turn).isNotDone();
        gate.countDown();
        List<AgentAction> rest = turn.get(5, TimeUnit.SECONDS);
        assertThat(nextEarly()).isEqualTo(new Say("You can start it today."));
        assertThat(spoken(rest)).isEmpty();
        assertThat(stub.takeRequest().body().get("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamedOpeningWithoutTheDisclosureGetsItInFrontOfTheFirstSentence() throws Exception {
        stub.enqueueStream("Hi, thanks for calling Northwind. ", "What can I help you with?");
        Conversation conversation = conversation(TIMEOUT);

        List<AgentAction> rest = conversation.start(early::add);

        assertThat(rest).isEmpty();
        assertThat(nextEarly()).isEqualTo(new Say(Disclosure.sentence("Northwind") + " Hi, thanks for calling Northwind."));
        assertThat(nextEarly()).isEqualTo(new Say("What can I help you with?"));
    }

    @Test
    void eachSentenceIsToneFilteredAndTheTurnIsCutAtTwoSentences() throws Exception {
        Conversation conversation = started(TIMEOUT);
        stub.enqueueStream("I'm so sorry!! ", "The invoice was wrong. ", "A person can fix that today. ",
                "They will also call you tomorrow. ", "And send a gift.");

        List<AgentAction> rest = turn(conversation, "the invoice you sent me has the wrong amount")
                .get(5, TimeUnit.SECONDS);

        List<AgentAction> offered = List.copyOf(early);
        // An apology on its own becomes a plain acknowledgement; the third sentence is not said.
        assertThat(spoken(offered)).isEqualTo("Thanks for telling me. The invoice was wrong.");
        assertThat(offered).filteredOn(Decision.class::isInstance).map(a -> ((Decision) a).reason())
                .anyMatch(r -> r.startsWith("tone")).anyMatch(r -> r.startsWith("length"));
        assertThat(spoken(rest)).isEmpty();
    }

    @Test
    void aCallerWhoInterruptsStopsTheStreamAndTheModelRemembersOnlyWhatWasSaid() throws Exception {
        Conversation conversation = started(TIMEOUT);
        stub.enqueueStream(List.of("Our Team plan suits most shops. "), null, List.of());

        List<AgentAction> rest = CompletableFuture.supplyAsync(() -> conversation.onEvent(
                new CallerEvent.Utterance("which plan should we take", 0.9), action -> {
                    early.add(action);
                    return false; // the caller started talking over it
                }), executor).get(5, TimeUnit.SECONDS);

        assertThat(rest).isEmpty();
        assertThat(nextEarly()).isEqualTo(new Say("Our Team plan suits most shops."));
        stub.takeRequest();
        stub.enqueueText("Sure.");
        conversation.onEvent(new CallerEvent.Utterance("sorry, go on", 0.9));
        OpenAiStub.Request next = stub.takeRequest();
        assertThat(next.roles()).endsWith("user", "assistant", "user");
        assertThat(next.body().get("messages").get(next.roles().size() - 2).get("content").asText())
                .isEqualTo("Our Team plan suits most shops.");
    }

    @Test
    void aModelThatSendsNothingInTimeFallsBackToTheBuiltInPolicy() throws Exception {
        Conversation conversation = started(Duration.ofMillis(400));
        stub.enqueueStream(List.of(), null, List.of());

        long startedAt = System.nanoTime();
        List<AgentAction> rest = turn(conversation, "do you have a free trial").get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - startedAt) / 1_000_000;

        assertThat(millis).isBetween(400L, 2000L);
        assertThat(early).isEmpty();
        assertThat(spoken(rest)).isNotBlank();
        assertThat(only(rest, Decision.class).kind()).isEqualTo("llm_fallback");
        assertThat(only(rest, Decision.class).reason()).isEqualTo("timeout");
    }

    @Test
    void aModelThatStallsMidReplyKeepsWhatWasSaidAndRecordsTheStop() throws Exception {
        Conversation conversation = started(Duration.ofMillis(400));
        stub.enqueueStream(List.of("Every plan has a 14-day free trial. ", "And"), null, List.of());

        List<AgentAction> rest = turn(conversation, "do you have a free trial").get(5, TimeUnit.SECONDS);

        assertThat(nextEarly()).isEqualTo(new Say("Every plan has a 14-day free trial."));
        assertThat(spoken(rest)).isEmpty();
        Decision stop = only(rest, Decision.class);
        assertThat(stop.kind()).isEqualTo("llm_fallback");
        assertThat(stop.reason()).isEqualTo("stalled");
    }

    @Test
    void aStreamedHandoffToolCallIsCarriedOutWithTheRulesSummary() throws Exception {
        Conversation conversation = started(TIMEOUT);
        stub.enqueueStreamedToolCall("handoff",
                "{\"reason\":\"high_value\",\"summary\":\"They run a chain of bakeries across the country.\"}");

        List<AgentAction> rest = turn(conversation, "we run a chain of bakeries across the country")
                .get(5, TimeUnit.SECONDS);

        assertThat(early).isEmpty();
        assertThat(rest.get(0)).isEqualTo(new Say(BuiltInPolicy.CONNECTING));
        assertThat(only(rest, AgentAction.Handoff.class).reason()).isEqualTo(HandoffReason.HIGH_VALUE);
    }

    @Test
    void aRequestForAPersonIsHandedOverByTheRulesWithoutStreaming() throws Exception {
        Conversation conversation = started(TIMEOUT);

        List<AgentAction> rest = turn(conversation, "can I talk to a human please").get(5, TimeUnit.SECONDS);

        assertThat(only(rest, AgentAction.Handoff.class).reason()).isEqualTo(HandoffReason.CALLER_REQUEST);
        assertThat(stub.pendingRequests()).isZero();
    }
}
