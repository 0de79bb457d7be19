package dev.candor.speech.vad;

/**
 * What the {@link EndpointDetector} reports about the caller's turn. Times are media time in
 * milliseconds since the first sample fed, never wall-clock time.
 */
public sealed interface TurnEvent permits TurnEvent.SpeechStarted, TurnEvent.SpeechEnded {

    /**
     * The caller began a turn at {@code atMillis} (the first sound, back-dated from the moment
     * voicing confirmed speech). Reported once two voiced frames are seen: on the fixtures 34-136
     * ms of media time after the onset, which leaves the playback side over 60 ms of the 200 ms
     * barge-in budget.
     */
    record SpeechStarted(long atMillis) implements TurnEvent {
        public SpeechStarted {
            if (atMillis < 0) {
                throw new IllegalArgumentException("invalid speech start: " + atMillis + " ms (expected >= 0)");
            }
        }
    }

    /**
     * The caller's turn ended at {@code atMillis} (its last sound) after {@code durationMillis} of
     * speech, reported once the trailing silence had lasted the configured window.
     */
    record SpeechEnded(long atMillis, long durationMillis) implements TurnEvent {
        public SpeechEnded {
            if (durationMillis < 0 || atMillis < durationMillis) {
                throw new IllegalArgumentException("invalid speech end: at " + atMillis
                        + " ms after " + durationMillis + " ms (expected 0 <= duration <= at)");
            }
        }

        /** When the turn began. */
        public long startMillis() {
            return atMillis - durationMillis;
        }
    }
}
