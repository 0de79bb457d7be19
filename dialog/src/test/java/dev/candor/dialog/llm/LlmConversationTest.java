package dev.candor.dialog.llm;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.Decision;
import dev.candor.dialog.AgentAction.Handoff;
import dev.candor.dialog.AgentAction.Say;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.guardrail.Disclosure;
import dev.candor.dialog.guardrail.GuardedConversation;
import dev.candor.dialog.guardrail.Sentences;
import dev.candor.dialog.policy.BuiltInPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.candor.dialog.ScriptedCall.NORTHWIND;
import static dev.candor.dialog.ScriptedCall.only;
import static dev.candor.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LLM mode against a scripted OpenAI-compatible server on loopback, through the real LangChain4j
 * OpenAI client that {@link ChatModels} builds and behind the same guardrails as the built-in policy.
 */
class LlmConversationTest {
    private static final Duration TIMEOUT = Duration.ofMillis(2500);
    private static final String GREETING = "Hi, thanks for calling Northwind. What can I help you with?";
    private OpenAiStub stub;
    private ExecutorService executor;

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

    private ScriptedCall call(String baseUrl, Duration timeout, Scenario scenario) {
        LlmSettings settings = new LlmSettings("openai", baseUrl, "stub-model", "test-key-123", timeout);
        return new ScriptedCall(Conversations.withModel(NORTHWIND, ScriptedCall.options(), scenario,
                ChatModels.create(settings), timeout, executor));
    }

    private ScriptedCall call() {
        return call(stub.baseUrl(), TIMEOUT, Scenario.inbound());
    }

    /** A started call whose greeting request has been taken. */
    private ScriptedCall started() throws InterruptedException {
        stub.enqueueText(GREETING);
        ScriptedCall call = call();
        call.start();
        stub.takeRequest();
        return call;
    }

    @Test
    void aFirstReplyWithoutTheDisclosureGetsItInsertedAndTheModelSeesTheCatalogAndTheKey() throws Exception {
        stub.enqueueText(GREETING);

        List<AgentAction> opening = call().start();

        assertThat(opening).hasSize(1);
        assertThat(spoken(opening)).isEqualTo(Disclosure.sentence("Northwind") + " " + GREETING);
        OpenAiStub.Request request = stub.takeRequest();
        assertThat(request.authorization()).isEqualTo("Bearer test-key-123");
        assertThat(request.body().get("model").asText()).isEqualTo("stub-model");
        assertThat(request.roles()).containsExactly("system", "user");
        assertThat(request.body().get("messages").get(0).get("content").asText())
                .contains("Starter").contains("29").contains("never claim to be human");
        assertThat(request.body().get("tools").findValuesAsText("name"))
                .contains("lookup_product", "record_qualification", "handoff", "schedule_callback",
                        "mark_do_not_call", "end_call");
    }

    @Test
    void aToolCallIsExecutedAndItsResultGoesBackToTheModel() throws Exception {
        ScriptedCall call = started();
        stub.enqueueToolCall("record_qualification",
                        "{\"need\":\"answer sales calls after hours\",\"timeline\":\"next month\"}")
                .enqueueText("Got it. Who else is involved in the decision?");

        List<AgentAction> actions = call.say("we want to answer sales calls after hours, starting next month");

        assertThat(only(actions, AgentAction.RecordQualification.class).slots())
                .containsEntry("need", "answer sales calls after hours").containsEntry("timeline", "next month");
        assertThat(spoken(actions)).isEqualTo("Got it. Who else is involved in the decision?");
        assertThat(stub.takeRequest().lastMessage().get("content").asText())
                .isEqualTo("we want to answer sales calls after hours, starting next month");
        OpenAiStub.Request second = stub.takeRequest();
        assertThat(second.roles()).endsWith("user", "assistant", "tool");
        assertThat(second.lastMessage().get("content").asText()).isEqualTo("recorded");
    }

    @Test
    void productLookupAnswersFromTheCatalog() throws Exception {
        ScriptedCall call = started();
        stub.enqueueToolCall("lookup_product", "{\"query\":\"is there a free trial\"}")
                .enqueueText("Yes, every plan has a 14-day free trial.");

        assertThat(spoken(call.say("can I try it first"))).isEqualTo("Yes, every plan has a 14-day free trial.");

        stub.takeRequest();
        assertThat(stub.takeRequest().lastMessage().get("content").asText()).contains("14-day free trial");
    }

    @Test
    void aHandoffToolCallCarriesTheRulesSummaryWithinThreeSentences() throws Exception {
        ScriptedCall call = started();
        stub.enqueueToolCall("handoff",
                "{\"reason\":\"high_value\",\"summary\":\"They run a chain of bakeries across the country.\"}");

        List<AgentAction> actions = call.say("we run a chain of bakeries across the country");

        assertThat(actions.get(0)).isEqualTo(new Say(BuiltInPolicy.CONNECTING));
        Handoff handoff = only(actions, Handoff.class);
        assertThat(handoff.reason()).isEqualTo(HandoffReason.HIGH_VALUE);
        assertThat(handoff.summary()).contains("lead score").contains("bakeries");
        assertThat(Sentences.split(handoff.summary())).hasSizeLessThanOrEqualTo(GuardedConversation.MAX_SUMMARY_SENTENCES);
        assertThat(call.say("hello?")).isEmpty();
    }

    @Test
    void aCallbackToolCallIsBookedInTheCallersTimeZone() throws Exception {
        ScriptedCall call = started();
        stub.enqueueToolCall("schedule_callback", "{\"when\":\"2026-11-24T15:00\",\"note\":\"pricing for 12 seats\"}")
                .enqueueText("Booked for tomorrow at 3 pm. Anything else?");

        List<AgentAction> actions = call.say("can someone walk me through pricing with my boss");

        AgentAction.ScheduleCallback callback = only(actions, AgentAction.ScheduleCallback.class);
        assertThat(callback.when().toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 11, 24, 15, 0));
        assertThat(callback.when().getZone()).isEqualTo(ScriptedCall.LONDON);
        assertThat(callback.note()).isEqualTo("pricing for 12 seats");
    }

    @Test
    void doNotCallFromTheModelRecordsTheScoreAndEndsTheCall() throws Exception {
        ScriptedCall call = started();
        stub.enqueueToolCall("mark_do_not_call", "{\"reason\":\"asked to be taken off the list\"}");

        List<AgentAction> actions = call.say("take my details off your system please");

        assertThat(actions).extracting(a -> a.getClass().getSimpleName())
                .containsSubsequence("MarkDoNotCall", "RecordQualification", "RecordScore", "EndCall");
        assertThat(only(actions, AgentAction.EndCall.class).reason()).isEqualTo("do_not_call");
    }

    @Test
    void anOverEmotiveReplyIsRewrittenByTheToneGuardrail() throws Exception {
        ScriptedCall call = started();
        stub.enqueueText("I'm so sorry!! I understand how frustrating that must be. "
                + "The invoice was wrong; a person can fix that today!");

        List<AgentAction> actions = call.say("the invoice you sent me has the wrong amount");

        assertThat(spoken(actions)).isEqualTo("The invoice was wrong; a person can fix that today.");
        assertThat(only(actions, Decision.class).reason()).startsWith("tone");
    }

    @Test
    void aReplyClaimingToBeHumanIsCorrected() throws Exception {
        ScriptedCall call = started();
        stub.enqueueText("I'm a real person on the sales team. What would you like to know?");

        List<AgentAction> actions = call.say("who am I talking to exactly");

        assertThat(spoken(actions)).isEqualTo("I'm an AI assistant, not a person. What would you like to know?");
        assertThat(only(actions, Decision.class).reason()).startsWith("honesty");
    }

    @Test
    void aPriceNotInTheCatalogIsNeverSpoken() throws Exception {
        ScriptedCall call = started();
        stub.enqueueText("The Team plan is $19 per seat for you. Shall I set it up?");

        String said = spoken(call.say("what would the team plan cost us"));

        assertThat(said).doesNotContain("$19").contains("A person can confirm prices and terms for you.");
    }

    @Test
    void aRequestForAPersonIsHandedOverByTheRulesWithoutAskingTheModel() throws Exception {
        ScriptedCall call = started();

        List<AgentAction> actions = call.say("let me speak to a human");

        assertThat(only(actions, Handoff.class).reason()).isEqualTo(HandoffReason.CALLER_REQUEST);
        assertThat(stub.pendingRequests()).isZero();
    }

    @Test
    void areYouARealPersonIsAnsweredTruthfullyByTheRules() throws Exception {
        ScriptedCall call = started();

        assertThat(spoken(call.say("are you a real person?"))).startsWith("No, I'm an AI assistant, not a person.");
        assertThat(stub.pendingRequests()).isZero();
    }

    @Test
    void aSlowModelFallsBackToTheBuiltInPolicyWithinTheTimeout() throws Exception {
        stub.hold();
        ScriptedCall call = call(stub.baseUrl(), Duration.ofMillis(300), Scenario.inbound());

        long started = System.nanoTime();
        List<AgentAction> opening = call.start();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMillis).isBetween(300L, 1500L);
        assertThat(spoken(opening)).startsWith(Disclosure.sentence("Northwind")).contains("How can I help you today?");
        Decision fallback = only(opening, Decision.class);
        assertThat(fallback.kind()).isEqualTo("llm_fallback");
        assertThat(fallback.reason()).isEqualTo("timeout");
    }

    @Test
    void aModelThatIsDownLeavesTheBuiltInPolicyRunningTheWholeCall() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ScriptedCall call = call("http://127.0.0.1:" + closedPort + "/v1", TIMEOUT, Scenario.inbound());

        List<AgentAction> opening = call.start();
        List<AgentAction> answer = call.say("how much is the starter plan?");

        assertThat(spoken(opening)).startsWith(Disclosure.sentence("Northwind"));
        assertThat(only(opening, Decision.class).reason()).isEqualTo("error");
        assertThat(spoken(answer)).contains("$29");
        assertThat(only(answer, Decision.class).kind()).isEqualTo("llm_fallback");
        assertThat(call.send(new CallerEvent.Dtmf('0'))).anyMatch(a -> a instanceof Handoff);
    }

    @Test
    void aServerErrorFallsBackAndTheNextTurnUsesTheModelAgain() throws Exception {
        ScriptedCall call = started();
        stub.enqueueError(500).enqueueText("We help teams answer every sales call. How many people would use it?");

        List<AgentAction> failed = call.say("tell me what you do");
        List<AgentAction> next = call.say("tell me more about the product for sales teams");

        assertThat(failed).contains(new Say("I don't know that, and I won't guess. "
                + "Would you like me to connect you to a person who does?"));
        assertThat(failed).filteredOn(a -> a instanceof Decision d && d.kind().equals("llm_fallback")).hasSize(1);
        assertThat(spoken(next)).isEqualTo("We help teams answer every sales call. How many people would use it?");
    }

    @Test
    void turnsTheRulesCannotParseButTheModelAnswersAreNotCountedAsNotUnderstood() throws Exception {
        ScriptedCall call = started();
        stub.enqueueText("Happy to explain how it works. What do you sell?")
                .enqueueText("Bakeries do well with inbound ordering lines. How many staff take calls?");

        call.say("blue giraffe window");
        List<AgentAction> second = call.say("purple elephant door");

        assertThat(second).noneMatch(a -> a instanceof Handoff);
        assertThat(spoken(second)).startsWith("Bakeries");
    }
}
