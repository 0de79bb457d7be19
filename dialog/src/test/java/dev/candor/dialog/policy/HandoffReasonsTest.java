package dev.candor.dialog.policy;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.Handoff;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.qualification.Lead;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.candor.dialog.ScriptedCall.only;
import static dev.candor.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

class HandoffReasonsTest {

    private static Handoff handoff(List<AgentAction> actions) {
        return only(actions, Handoff.class);
    }

    private static void assertSummaryIsShort(Handoff handoff) {
        assertThat(handoff.summary().split("(?<=[.!?])\\s+")).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void askingForAPersonMidQualificationHandsOffAtOnceWithoutAPitch() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();
        call.say("we need help with our sales calls");

        List<AgentAction> actions = call.say("actually can i just talk to a humane");
        assertThat(actions).hasSize(2);
        assertThat(spoken(actions)).isEqualTo(BuiltInPolicy.CONNECTING);
        Handoff handoff = handoff(actions);
        assertThat(handoff.reason()).isEqualTo(HandoffReason.CALLER_REQUEST);
        assertThat(handoff.summary()).contains("we need help with our sales calls").contains("lead score");
        assertSummaryIsShort(handoff);
    }

    @Test
    void largeSeatCountHandsOffAsHighValue() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        Handoff handoff = handoff(call.say("we have four hundred agents across three sites"));
        assertThat(handoff.reason()).isEqualTo(HandoffReason.HIGH_VALUE);
        assertThat(handoff.summary()).contains("400 seats");
        assertSummaryIsShort(handoff);
    }

    @Test
    void largeBudgetAndEnterpriseWideScopeHandOffAsHighValue() {
        ScriptedCall budget = ScriptedCall.inbound();
        budget.start();
        assertThat(handoff(budget.say("our budget is $80,000 for the year")).reason()).isEqualTo(HandoffReason.HIGH_VALUE);

        ScriptedCall scope = ScriptedCall.inbound();
        scope.start();
        assertThat(handoff(scope.say("we want to roll it out company-wide")).reason()).isEqualTo(HandoffReason.HIGH_VALUE);
    }

    @Test
    void anUpsetCallerIsOfferedAPersonPlainly() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();
        assertThat(call.say("your invoice was wrong")).noneMatch(a -> a instanceof Handoff);

        List<AgentAction> actions = call.say("this is ridiculous, the invoice is WRONG AGAIN!!");
        assertThat(handoff(actions).reason()).isEqualTo(HandoffReason.CALLER_UPSET);
        assertThat(spoken(actions)).isEqualTo("A person can sort this out with you today. Connecting you now.")
                .doesNotContainIgnoringCase("sorry").doesNotContainIgnoringCase("understand").doesNotContain("!");
    }

    @Test
    void twoTurnsNotUnderstoodHandOff() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();
        assertThat(spoken(call.say("we want to answer calls faster"))).contains("How many people");

        assertThat(spoken(call.say("blue giraffe window"))).isEqualTo("Sorry, I didn't follow that. Could you say it another way?");
        assertThat(handoff(call.say("purple elephant door")).reason()).isEqualTo(HandoffReason.NOT_UNDERSTOOD);
    }

    @Test
    void lowRecognitionConfidenceTwiceHandsOff() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        call.send(new CallerEvent.Utterance("how much is the pro plan", 0.2));
        assertThat(handoff(call.send(new CallerEvent.Utterance("the pro plan", 0.3))).reason())
                .isEqualTo(HandoffReason.NOT_UNDERSTOOD);
    }

    @Test
    void knownVipCallerIsHandedOver() {
        Lead vip = new Lead("Ana Silva", "Silva SA", "+15555550111", "", null, "", "", true);
        ScriptedCall call = ScriptedCall.of(new Scenario.Inbound(Optional.of(vip)));

        Handoff handoff = handoff(call.start());
        assertThat(handoff.reason()).isEqualTo(HandoffReason.VIP);
        assertThat(handoff.summary()).startsWith("Ana Silva of Silva SA");
    }

    @Test
    void sensitiveTopicHandsOff() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        Handoff handoff = handoff(call.say("if this isn't fixed my lawyer will be in touch"));
        assertThat(handoff.reason()).isEqualTo(HandoffReason.SENSITIVE_TOPIC);
        assertThat(handoff.summary()).contains("lawyer");
    }
}
