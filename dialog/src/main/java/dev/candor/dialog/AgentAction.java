package dev.candor.dialog;

import java.time.ZonedDateTime;
import java.util.List;
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

    /** Call the caller back at {@code when} (in the caller's time zone), with a note for whoever calls. */
    record ScheduleCallback(ZonedDateTime when, String note) implements AgentAction {
        public ScheduleCallback {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * The lead's score, 0-100, with the reasons that contributed ("budget stated: +20"). Computed from
     * the conversation and BANT slots only, never from name, gender, age, ethnicity or location.
     */
    record RecordScore(int score, List<String> reasons) implements AgentAction {
        public RecordScore {
            if (score < 0 || score > 100) {
                throw new IllegalArgumentException("invalid score: " + score + " (expected 0-100)");
            }
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * A decision worth storing that no other action records: a guardrail rewrite, a catalog question
     * Candor could not answer, a fallback from the language model, a turn not understood. Handoffs,
     * do-not-call, scores, callbacks and call ends are decisions too; they carry their own reasons.
     *
     * @param kind    what was decided, e.g. {@code guardrail_rewrite}, {@code unanswered_question},
     *                {@code llm_fallback}, {@code not_understood}
     * @param reason  why, a short code or phrase
     * @param details free text for people reading the record
     */
    record Decision(String kind, String reason, String details) implements AgentAction {
        public Decision {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(details, "details");
        }
    }
}
