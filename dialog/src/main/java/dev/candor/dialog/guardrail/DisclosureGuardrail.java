package dev.candor.dialog.guardrail;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.ConversationSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Disclosure first: the first thing Candor says on a call is that it is an AI and that the caller can
 * ask for a person (and, when recording, that the call is recorded). If a policy or a model forgot, the
 * disclosure is put in front of its first words; if nothing is said first, the disclosure is said anyway.
 */
public final class DisclosureGuardrail {
    private final ConversationSettings settings;
    private boolean disclosed;

    public DisclosureGuardrail(ConversationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public List<AgentAction> apply(List<AgentAction> actions) {
        if (disclosed) {
            return actions;
        }
        disclosed = true;
        List<AgentAction> result = new ArrayList<>(actions.size() + 1);
        String opening = opening();
        if (!actions.isEmpty() && actions.get(0) instanceof AgentAction.Say first) {
            String text = Disclosure.discloses(first.text()) && recordingNoticeOk(first.text())
                    ? first.text() : opening + " " + first.text();
            result.add(new AgentAction.Say(text));
            result.addAll(actions.subList(1, actions.size()));
        } else {
            result.add(new AgentAction.Say(opening));
            result.addAll(actions);
        }
        return List.copyOf(result);
    }

    private boolean recordingNoticeOk(String text) {
        return !settings.recording() || text.contains(Disclosure.recordingNotice());
    }

    private String opening() {
        String sentence = Disclosure.sentence(settings.companyName());
        return settings.recording() ? sentence + " " + Disclosure.recordingNotice() : sentence;
    }
}
