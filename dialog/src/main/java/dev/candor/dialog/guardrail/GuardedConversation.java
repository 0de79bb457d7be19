package dev.candor.dialog.guardrail;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;

import java.util.List;
import java.util.Objects;

/** Wraps any conversation policy so that its actions pass the guardrails before anyone acts on them. */
public final class GuardedConversation implements Conversation {
    private final Conversation policy;
    private final DisclosureGuardrail disclosure;

    public GuardedConversation(Conversation policy, ConversationSettings settings) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.disclosure = new DisclosureGuardrail(settings);
    }

    @Override
    public List<AgentAction> start() {
        return disclosure.apply(policy.start());
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event) {
        return disclosure.apply(policy.onEvent(event));
    }
}
