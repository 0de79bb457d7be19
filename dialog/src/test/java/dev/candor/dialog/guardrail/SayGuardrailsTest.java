package dev.candor.dialog.guardrail;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.ScriptedCall;
import dev.candor.dialog.catalog.CatalogLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SayGuardrailsTest {

    private static String rewritten(SayGuardrail guardrail, String text) {
        GuardrailDecision decision = guardrail.check(text);
        assertThat(decision).isInstanceOf(GuardrailDecision.Rewrite.class);
        return ((GuardrailDecision.Rewrite) decision).text();
    }

    @Test
    void toneFilterDropsPerformedFeelingsAndKeepsThePlainContent() {
        assertThat(rewritten(new ToneGuardrail(), "I'm so sorry! I understand how frustrating that must be. "
                + "The invoice was wrong; a person can fix that today."))
                .isEqualTo("The invoice was wrong; a person can fix that today.");
        assertThat(rewritten(new ToneGuardrail(), "Absolutely!!! That's fantastic! The Team plan suits you!!"))
                .isEqualTo("The Team plan suits you.");
        assertThat(rewritten(new ToneGuardrail(), "I'm so sorry to hear that!")).isEqualTo(ToneGuardrail.PLAIN_ACKNOWLEDGEMENT);
    }

    @Test
    void toneFilterLeavesPlainSentencesAlone() {
        assertThat(new ToneGuardrail().check("The Team plan is $59 per agent seat per month."))
                .isInstanceOf(GuardrailDecision.Allow.class);
    }

    @Test
    void claimsOfBeingHumanAreReplacedWithTheTruth() {
        assertThat(rewritten(new HonestyGuardrail(), "Yes, I'm a real person. How can I help?"))
                .isEqualTo("I'm an AI assistant, not a person. How can I help?");
        assertThat(rewritten(new HonestyGuardrail(), "Don't worry, I'm not a robot.")).isEqualTo(HonestyGuardrail.TRUTH);
        assertThat(new HonestyGuardrail().check("I'm an AI assistant, not a person.")).isInstanceOf(GuardrailDecision.Allow.class);
    }

    @Test
    void pricesDiscountsAndPromisesOutsideTheCatalogAreRemoved() {
        CatalogPriceGuardrail guardrail = new CatalogPriceGuardrail(CatalogLoader.sample());

        assertThat(rewritten(guardrail, "The Team plan is $49 a seat. It includes recording."))
                .isEqualTo("It includes recording. " + CatalogPriceGuardrail.CONFIRM_WITH_PERSON);
        assertThat(rewritten(guardrail, "I can give you 30% off today.")).isEqualTo(CatalogPriceGuardrail.CONFIRM_WITH_PERSON);
        assertThat(rewritten(guardrail, "We guarantee you'll double your sales.")).isEqualTo(CatalogPriceGuardrail.CONFIRM_WITH_PERSON);
        assertThat(guardrail.check("The Team plan is $59 per agent seat per month, and annual billing takes 15% off."))
                .isInstanceOf(GuardrailDecision.Allow.class);
    }

    @Test
    void longRepliesAreCutToTwoSentencesAndFortyWords() {
        String text = "One two three. Four five six. Seven eight nine.";
        assertThat(rewritten(new LengthGuardrail(), text)).isEqualTo("One two three. Four five six.");
        String ramble = "word ".repeat(60).strip() + ".";
        assertThat(rewritten(new LengthGuardrail(), ramble).split("\\s+")).hasSize(LengthGuardrail.MAX_WORDS);
    }

    @Test
    void guardedConversationReportsEveryRewriteAsADecision() {
        Conversation gushing = new Conversation() {
            @Override
            public List<AgentAction> start() {
                return List.of(new AgentAction.Say("Hi!! I'm a real person!"));
            }

            @Override
            public List<AgentAction> onEvent(CallerEvent event) {
                return List.of(new AgentAction.Say("Sure."));
            }
        };
        List<AgentAction> out = new GuardedConversation(gushing, ScriptedCall.NORTHWIND, DialogOptions.defaults()).start();

        String said = ((AgentAction.Say) out.get(0)).text();
        assertThat(said).startsWith("Hello, you're talking to Northwind's AI assistant").endsWith("Hi. I'm an AI assistant, not a person.")
                .doesNotContain("!");
        assertThat(out).filteredOn(a -> a instanceof AgentAction.Decision).extracting(a -> ((AgentAction.Decision) a).reason())
                .anyMatch(r -> r.startsWith("tone")).anyMatch(r -> r.startsWith("honesty"));
    }

    @Test
    void aPolicyThatIgnoresARequestForAPersonIsOverruled() {
        Conversation stubborn = new Conversation() {
            @Override
            public List<AgentAction> start() {
                return List.of(new AgentAction.Say("Hi."));
            }

            @Override
            public List<AgentAction> onEvent(CallerEvent event) {
                return List.of(new AgentAction.Say("Before that, let me tell you about our plans."));
            }
        };
        GuardedConversation guarded = new GuardedConversation(stubborn, ScriptedCall.NORTHWIND, DialogOptions.defaults());
        guarded.start();

        List<AgentAction> out = guarded.onEvent(new CallerEvent.Utterance("get me a human", 0.9));
        assertThat(out).hasAtLeastOneElementOfType(AgentAction.Handoff.class);
        assertThat(ScriptedCall.spoken(out)).doesNotContain("plans");
        assertThat(out).filteredOn(a -> a instanceof AgentAction.Handoff)
                .allMatch(a -> ((AgentAction.Handoff) a).reason() == HandoffReason.CALLER_REQUEST);
    }
}
