package dev.candor.dialog.policy;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.Say;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.guardrail.Disclosure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInPolicyTest {
    private final ConversationSettings noAsr = new ConversationSettings("Northwind", false, false);

    @Test
    void openingDisclosesFirstAndOffersZeroWhenSpeechCannotBeUnderstood() {
        List<AgentAction> opening = Conversations.builtIn(noAsr).start();

        assertThat(opening).hasSize(1);
        String text = ((Say) opening.get(0)).text();
        assertThat(text).startsWith(Disclosure.sentence("Northwind")).endsWith("To reach a person, press 0.");
    }

    @Test
    void zeroHandsOffAtOnceWithCallerRequestAndAShortSummary() {
        Conversation conversation = Conversations.builtIn(noAsr);
        conversation.start();

        List<AgentAction> actions = conversation.onEvent(new CallerEvent.Dtmf('0'));

        assertThat(actions).hasSize(2);
        assertThat(actions.get(0)).isEqualTo(new Say(BuiltInPolicy.CONNECTING));
        AgentAction.Handoff handoff = (AgentAction.Handoff) actions.get(1);
        assertThat(handoff.reason()).isEqualTo(HandoffReason.CALLER_REQUEST);
        assertThat(handoff.summary().split("(?<=\\.)\\s+")).hasSizeLessThanOrEqualTo(3);
        assertThat(handoff.summary()).contains("pressed 0");
    }

    @Test
    void otherKeysRepeatHowToReachAPerson() {
        Conversation conversation = Conversations.builtIn(noAsr);
        conversation.start();

        assertThat(conversation.onEvent(new CallerEvent.Dtmf('5'))).containsExactly(new Say("To reach a person, press 0."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"can I talk to a human", "Agent.", "I want a real person please",
            "put me through to a representative", "operator"})
    void askingForAPersonHandsOffWithoutArgument(String utterance) {
        Conversation conversation = Conversations.builtIn(new ConversationSettings("Northwind", false, true));
        conversation.start();

        List<AgentAction> actions = conversation.onEvent(new CallerEvent.Utterance(utterance, 0.9));

        assertThat(actions).last().isInstanceOfSatisfying(AgentAction.Handoff.class,
                h -> assertThat(h.reason()).isEqualTo(HandoffReason.CALLER_REQUEST));
        assertThat(actions).hasSize(2);
    }

    @Test
    void aProductQuestionIsNotTakenForAPersonRequest() {
        Conversation conversation = Conversations.builtIn(new ConversationSettings("Northwind", false, true));
        conversation.start();

        assertThat(conversation.onEvent(new CallerEvent.Utterance("how much does the pro plan cost", 0.9)))
                .noneMatch(a -> a instanceof AgentAction.Handoff);
    }

    @Test
    void afterTheHandoffFurtherKeysDoNothing() {
        Conversation conversation = Conversations.builtIn(noAsr);
        conversation.start();
        conversation.onEvent(new CallerEvent.Dtmf('0'));

        assertThat(conversation.onEvent(new CallerEvent.Dtmf('0'))).isEmpty();
    }
}
