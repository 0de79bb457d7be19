package dev.candor.dialog.policy;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.intent.Intent;
import dev.candor.dialog.intent.IntentDetector;

import java.util.List;
import java.util.Objects;

/**
 * The offline policy, first version: greets, offers a person (by voice or by pressing 0) and hands the
 * caller over the moment they ask, without argument or sales pitch.
 */
public final class BuiltInPolicy implements Conversation {
    /** What Candor says as it starts the transfer. */
    public static final String CONNECTING = "Connecting you to a person now.";

    private final ConversationSettings settings;
    private final IntentDetector intents = IntentDetector.lexicon();
    private boolean handedOff;

    public BuiltInPolicy(ConversationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The prompts this policy always says the same way, so they can be synthesised once. */
    public static List<String> fixedPrompts() {
        return List.of(CONNECTING);
    }

    @Override
    public List<AgentAction> start() {
        String invitation = settings.speechRecognition()
                ? "How can I help you today? You can also press 0 to reach a person."
                : "To reach a person, press 0.";
        return List.of(new AgentAction.Say(invitation));
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event) {
        if (handedOff) {
            return List.of();
        }
        if (event instanceof CallerEvent.Dtmf dtmf) {
            return onDtmf(dtmf.digit());
        }
        if (event instanceof CallerEvent.Utterance utterance) {
            return onUtterance(utterance);
        }
        return List.of();
    }

    private List<AgentAction> onDtmf(char digit) {
        if (digit == '0') {
            return handOff("The caller pressed 0 to ask for a person.");
        }
        return List.of(new AgentAction.Say("To reach a person, press 0."));
    }

    private List<AgentAction> onUtterance(CallerEvent.Utterance utterance) {
        if (intents.is(utterance.text(), Intent.PERSON_REQUEST)) {
            return handOff("The caller asked for a person: \"" + clip(utterance.text()) + "\".");
        }
        return List.of(new AgentAction.Say(
                "I can answer questions about " + settings.companyName() + ", or press 0 for a person."));
    }

    private List<AgentAction> handOff(String why) {
        handedOff = true;
        String summary = "Inbound caller for " + settings.companyName() + ". " + why
                + " No qualification details were collected before the request.";
        return List.of(new AgentAction.Say(CONNECTING),
                new AgentAction.Handoff(HandoffReason.CALLER_REQUEST, summary));
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").trim();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
