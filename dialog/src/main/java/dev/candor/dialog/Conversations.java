package dev.candor.dialog;

import dev.candor.dialog.guardrail.GuardedConversation;
import dev.candor.dialog.policy.BuiltInPolicy;

/** Makes the conversation for a call: the built-in policy, behind the guardrails. */
public final class Conversations {
    private Conversations() {
    }

    public static Conversation builtIn(ConversationSettings settings) {
        return new GuardedConversation(new BuiltInPolicy(settings), settings);
    }
}
