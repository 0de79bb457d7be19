package dev.candor.dialog.guardrail;

import dev.candor.dialog.HandoffReason;

import java.util.Objects;

/** What a guardrail decided about one thing Candor was about to say or do. */
public sealed interface GuardrailDecision {

    /** Leave it as it is. */
    record Allow() implements GuardrailDecision {
    }

    /** Say {@code text} instead, because of {@code reason}. */
    record Rewrite(String text, String reason) implements GuardrailDecision {
        public Rewrite {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Stop and hand the caller to a person. */
    record HandOff(HandoffReason reason, String why) implements GuardrailDecision {
        public HandOff {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(why, "why");
        }
    }

    static GuardrailDecision allow() {
        return new Allow();
    }
}
