package dev.candor.dialog;

import dev.candor.dialog.guardrail.GuardedConversation;
import dev.candor.dialog.policy.BuiltInPolicy;

/** Makes the conversation for a call: a policy, behind the guardrails. */
public final class Conversations {
    private Conversations() {
    }

    /** The built-in policy for an inbound call, with the sample catalog and default options. */
    public static Conversation builtIn(ConversationSettings settings) {
        return builtIn(settings, DialogOptions.defaults(), Scenario.inbound());
    }

    /** The built-in policy with the given options (catalog, time zone, thresholds) and scenario. */
    public static Conversation builtIn(ConversationSettings settings, DialogOptions options, Scenario scenario) {
        return new GuardedConversation(new BuiltInPolicy(settings, options, scenario), settings, options);
    }
}
