package dev.candor.dialog;

import java.util.Objects;

/** What the caller did, as the conversation sees it. */
public sealed interface CallerEvent {

    /** A final transcript of something the caller said, with the recognizer's confidence (0-1). */
    record Utterance(String text, double confidence) implements CallerEvent {
        public Utterance {
            Objects.requireNonNull(text, "text");
            if (confidence < 0 || confidence > 1) {
                throw new IllegalArgumentException("invalid confidence: " + confidence + " (expected 0-1)");
            }
        }
    }

    /** A key press: 0-9, *, #, A-D. */
    record Dtmf(char digit) implements CallerEvent {
        public Dtmf {
            if ("0123456789*#ABCD".indexOf(digit) < 0) {
                throw new IllegalArgumentException("invalid DTMF digit: " + digit + " (expected 0-9, *, #, A-D)");
            }
        }
    }

    /** The caller has said nothing for {@code millis}. */
    record Silence(long millis) implements CallerEvent {
    }

    /** The caller hung up. */
    record Hangup() implements CallerEvent {
    }
}
