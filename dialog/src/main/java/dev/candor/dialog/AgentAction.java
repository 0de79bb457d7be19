package dev.candor.dialog;

import java.util.Map;
import java.util.Objects;

/** What Candor does next. Every action has passed the guardrails before anyone sees it. */
public sealed interface AgentAction {

    /** Speak {@code text} to the caller. */
    record Say(String text) implements AgentAction {
        public Say {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty Say (expected text to speak)");
            }
        }
    }

    /** Hand the caller to a person, with a summary for whoever takes the call (three sentences at most). */
    record Handoff(HandoffReason reason, String summary) implements AgentAction {
        public Handoff {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** End the call after whatever is being said. */
    record EndCall(String reason) implements AgentAction {
        public EndCall {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Put the caller's number on the do-not-call list. */
    record MarkDoNotCall(String reason) implements AgentAction {
        public MarkDoNotCall {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Store what the conversation learned about the lead (BANT slots and the like). */
    record RecordQualification(Map<String, String> slots) implements AgentAction {
        public RecordQualification {
            slots = Map.copyOf(slots);
        }
    }
}
