package dev.candor.dialog.policy;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.EndCall;
import dev.candor.dialog.AgentAction.MarkDoNotCall;
import dev.candor.dialog.AgentAction.ScheduleCallback;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.qualification.Lead;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.util.List;

import static dev.candor.dialog.ScriptedCall.only;
import static dev.candor.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

class OutboundConversationTest {

    private static ScriptedCall callDana() {
        ScriptedCall call = ScriptedCall.of(Scenario.outbound(Lead.sample()));
        String opening = spoken(call.start());
        assertThat(opening).startsWith("Hello, you're talking to Northwind's AI assistant, not a person")
                .contains("I'm calling Dana because you asked about our call centre software")
                .endsWith("Is now a good time for a two-minute chat?");
        return call;
    }

    @Test
    void notNowAsksWhenAndBooksTheCallback() {
        ScriptedCall call = callDana();

        assertThat(spoken(call.say("not now, I'm driving"))).contains("When would be a better time");
        List<AgentAction> booked = call.say("friday morning");

        assertThat(only(booked, ScheduleCallback.class).when())
                .isEqualTo(ZonedDateTime.parse("2026-11-27T09:00:00Z[Europe/London]"));
        assertThat(only(booked, EndCall.class).reason()).isEqualTo("callback_booked");
        assertThat(spoken(booked)).contains("I'll call you back on Friday 27 November at 9:00 am");
    }

    @Test
    void notNowWithATimeBooksAtOnce() {
        ScriptedCall call = callDana();

        List<AgentAction> booked = call.say("I'm busy, call me back tomorrow at 4");
        assertThat(only(booked, ScheduleCallback.class).when())
                .isEqualTo(ZonedDateTime.parse("2026-11-24T16:00:00Z[Europe/London]"));
    }

    @Test
    void notInterestedEndsPolitely() {
        ScriptedCall call = callDana();

        List<AgentAction> end = call.say("no thanks, I'm not interested");
        assertThat(spoken(end)).isEqualTo("Understood, I won't take more of your time. Goodbye.");
        assertThat(only(end, EndCall.class).reason()).isEqualTo("not_interested");
        assertThat(end).noneMatch(a -> a instanceof MarkDoNotCall);
    }

    @Test
    void stopCallingMarksDoNotCallAndEnds() {
        ScriptedCall call = callDana();

        List<AgentAction> end = call.say("stop calling me");
        assertThat(only(end, MarkDoNotCall.class).reason()).contains("stop calling me");
        assertThat(only(end, EndCall.class).reason()).isEqualTo("do_not_call");
        assertThat(spoken(end)).contains("we won't call you again");
    }

    @Test
    void yesGoesOnToQualification() {
        ScriptedCall call = callDana();

        assertThat(spoken(call.say("yes, go ahead"))).isEqualTo("What would you like to improve in how your team handles calls?");
    }

    @Test
    void vipLeadIsHandedToAPersonAfterTheDisclosure() {
        Lead vip = new Lead("Sam Lee", "Big Co", "+15555550100", "male", 50, "Leeds", "", true);
        List<AgentAction> opening = ScriptedCall.of(Scenario.outbound(vip)).start();

        assertThat(spoken(opening)).startsWith("Hello, you're talking to Northwind's AI assistant");
        assertThat(only(opening, AgentAction.Handoff.class).reason().code()).isEqualTo("vip");
    }
}
