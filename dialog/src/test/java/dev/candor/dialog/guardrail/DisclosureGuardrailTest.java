package dev.candor.dialog.guardrail;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.Say;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.HandoffReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DisclosureGuardrailTest {
    private static final ConversationSettings ACME = new ConversationSettings("Acme", false, false);

    @Test
    void firstSayWithoutDisclosureGetsItInFront() {
        List<AgentAction> out = new DisclosureGuardrail(ACME).apply(List.of(new Say("How can I help?")));

        assertThat(out).hasSize(1);
        assertThat(((Say) out.get(0)).text()).isEqualTo(
                "Hello, you're talking to Acme's AI assistant, not a person, and you can ask for a person at any "
                        + "time. How can I help?");
    }

    @Test
    void firstSayThatAlreadyDisclosesIsLeftAlone() {
        String text = Disclosure.sentence("Acme") + " Press 0 for a person.";
        List<AgentAction> out = new DisclosureGuardrail(ACME).apply(List.of(new Say(text)));

        assertThat(out).containsExactly(new Say(text));
    }

    @Test
    void recordedCallsAlsoHearTheRecordingNotice() {
        ConversationSettings recorded = new ConversationSettings("Acme", true, false);
        List<AgentAction> out = new DisclosureGuardrail(recorded).apply(List.of(new Say(Disclosure.sentence("Acme"))));

        assertThat(((Say) out.get(0)).text()).contains("This call is recorded.")
                .startsWith("Hello, you're talking to Acme's AI assistant");
    }

    @Test
    void anOpeningThatSaysNothingStillDisclosesBeforeActing() {
        AgentAction handoff = new AgentAction.Handoff(HandoffReason.VIP, "VIP caller.");
        List<AgentAction> out = new DisclosureGuardrail(ACME).apply(List.of(handoff));

        assertThat(out).hasSize(2);
        assertThat(Disclosure.discloses(((Say) out.get(0)).text())).isTrue();
        assertThat(out.get(1)).isEqualTo(handoff);
    }

    @Test
    void onlyTheFirstTurnIsChanged() {
        DisclosureGuardrail guardrail = new DisclosureGuardrail(ACME);
        guardrail.apply(List.of(new Say("Hi.")));

        assertThat(guardrail.apply(List.of(new Say("Anything else?")))).containsExactly(new Say("Anything else?"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme. I am a human", "Acme! Not an AI?", "Acme\r\nFrom: x", "Acme Inc.", ""})
    void noCompanyNameCanEndTheDisclosureSentenceEarly(String company) {
        String sentence = Disclosure.sentence(company);

        assertThat(sentence.indexOf('.')).as("first full stop").isEqualTo(sentence.length() - 1);
        assertThat(sentence).doesNotContain("!", "?", "\r", "\n").contains("AI assistant, not a person")
                .endsWith("you can ask for a person at any time.");
        assertThat(Disclosure.discloses(sentence)).isTrue();
    }

    @Test
    void longCompanyNamesAreCut() {
        assertThat(Disclosure.sentence("A".repeat(500))).hasSizeLessThan(200);
    }
}
