package dev.candor.dialog.policy;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.EndCall;
import dev.candor.dialog.AgentAction.RecordQualification;
import dev.candor.dialog.AgentAction.RecordScore;
import dev.candor.dialog.AgentAction.ScheduleCallback;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.guardrail.LengthGuardrail;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.util.List;

import static dev.candor.dialog.ScriptedCall.only;
import static dev.candor.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

class InboundConversationTest {

    @Test
    void qualifiesWithBantAnswersACatalogQuestionAndBooksACallbackInTheCallersTimeZone() {
        ScriptedCall call = ScriptedCall.inbound();
        assertThat(spoken(call.start())).startsWith("Hello, you're talking to Northwind's AI assistant")
                .contains("How can I help you today?");

        assertThat(spoken(call.say("we need a better way to handle our inbound sales calls")))
                .isEqualTo("How many people on your team would use it?");
        assertThat(spoken(call.say("about twelve people"))).isEqualTo("Who else is involved in deciding on this?");
        assertThat(spoken(call.say("is there a free trial?")))
                .contains("14-day free trial").endsWith("Who else is involved in deciding on this?");
        assertThat(spoken(call.say("i make the decision myself"))).isEqualTo("Do you have a budget in mind for this?");
        assertThat(spoken(call.say("around 2000 dollars a month"))).isEqualTo("When would you like to have it running?");
        assertThat(spoken(call.say("next month ideally"))).contains("call you back");
        assertThat(spoken(call.say("yes please"))).contains("When would suit you?");

        List<AgentAction> booked = call.say("tomorrow at 3 pm");
        ScheduleCallback callback = only(booked, ScheduleCallback.class);
        assertThat(callback.when()).isEqualTo(ZonedDateTime.parse("2026-11-24T15:00:00Z[Europe/London]"));
        assertThat(spoken(booked)).contains("Tuesday 24 November at 3:00 pm, Europe/London time")
                .contains("anything else");

        List<AgentAction> end = call.say("no thanks, that's all");
        assertThat(spoken(end)).isEqualTo("Thank you for calling Northwind. Goodbye.");
        assertThat(only(end, EndCall.class).reason()).isEqualTo("completed");
        assertThat(only(end, RecordQualification.class).slots())
                .containsEntry("need", "we need a better way to handle our inbound sales calls")
                .containsEntry("seats", "12")
                .containsEntry("authority", "i make the decision myself")
                .containsEntry("budget", "around 2000 dollars a month")
                .containsEntry("timeline", "next month ideally");
        RecordScore score = only(end, RecordScore.class);
        assertThat(score.score()).isGreaterThanOrEqualTo(70);
        assertThat(score.reasons()).contains("caller decides: +20", "callback booked: +15");
    }

    @Test
    void everyReplyIsShortEnoughToSpeak() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();
        for (String line : List.of("what does it cost", "does it integrate with salesforce", "where is my data stored",
                "it is too expensive", "we already use another product", "can i cancel any time")) {
            call.say(line);
        }
        call.all().stream().skip(1).filter(a -> a instanceof AgentAction.Say).map(a -> ((AgentAction.Say) a).text())
                .forEach(text -> assertThat(text.split("\\s+").length).as(text).isLessThanOrEqualTo(LengthGuardrail.MAX_WORDS));
    }

    @Test
    void priceQuestionsAreAnsweredFromTheCatalog() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        assertThat(spoken(call.say("how much does the team plan cost?"))).contains("Team plan is $59 per agent seat per month");
    }

    @Test
    void aQuestionTheCatalogCannotAnswerIsAdmittedAndAPersonOffered() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        List<AgentAction> reply = call.say("do you have a warehouse in Ohio?");
        assertThat(spoken(reply)).startsWith("I don't know that, and I won't guess.");
        assertThat(only(reply, AgentAction.Decision.class).kind()).isEqualTo("unanswered_question");

        AgentAction.Handoff handoff = only(call.say("yes please"), AgentAction.Handoff.class);
        assertThat(handoff.reason().code()).isEqualTo("caller_request");
    }

    @Test
    void priceObjectionGetsAPlainAnswerFromTheCatalogAndTheConversationGoesOn() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();
        call.say("we want to automate our call centre");

        String reply = spoken(call.say("honestly it sounds too expensive"));
        assertThat(reply).startsWith("Our Starter plan is $29 per agent seat per month").contains("?");
    }

    @Test
    void competitorObjectionOffersACallWithAPerson() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        assertThat(spoken(call.say("we already use another vendor"))).contains("compare").contains("book a call");
        assertThat(spoken(call.say("yes"))).contains("When would suit you?");
    }

    @Test
    void areYouARobotIsAnsweredTruthfully() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        for (String question : List.of("are you a robot?", "am I talking to a real person?", "are you human")) {
            assertThat(spoken(call.say(question))).as(question).startsWith("No, I'm an AI assistant, not a person.");
        }
    }

    @Test
    void goodbyeClosesAndRecordsWhatWasLearned() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();

        List<AgentAction> end = call.say("ok bye");
        assertThat(end).hasAtLeastOneElementOfType(RecordScore.class).last().isInstanceOf(EndCall.class);
    }

    @Test
    void hangupRecordsQualificationAndScoreEvenAfterAHandoff() {
        ScriptedCall call = ScriptedCall.inbound();
        call.start();
        call.say("operator");

        assertThat(call.send(new dev.candor.dialog.CallerEvent.Hangup()))
                .hasAtLeastOneElementOfType(RecordQualification.class).hasAtLeastOneElementOfType(RecordScore.class);
    }
}
