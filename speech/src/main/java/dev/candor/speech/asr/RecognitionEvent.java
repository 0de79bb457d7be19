package dev.candor.speech.asr;

import java.util.List;
import java.util.Objects;

/** What a {@link SpeechRecognizer} reports: a provisional {@link Partial} or a {@link Final}. */
public sealed interface RecognitionEvent permits RecognitionEvent.Partial, RecognitionEvent.Final {

    String text();

    /**
     * The words heard so far in the current utterance; may still change. {@code words} carries their
     * confidences and media times when the engine gives them (Vosk with partial words enabled),
     * and is empty otherwise.
     */
    record Partial(String text, List<Word> words) implements RecognitionEvent {
        public Partial {
            Objects.requireNonNull(text, "text");
            words = List.copyOf(Objects.requireNonNull(words, "words"));
        }

        /** A partial without word details. */
        public Partial(String text) {
            this(text, List.of());
        }
    }

    /**
     * A finished utterance. {@code confidence} is the mean of the word confidences (0 when there are
     * no words); times are media time in milliseconds since the stream's first sample.
     */
    record Final(String text, double confidence, long startMillis, long endMillis, List<Word> words)
            implements RecognitionEvent {
        public Final {
            Objects.requireNonNull(text, "text");
            words = List.copyOf(Objects.requireNonNull(words, "words"));
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException(
                        "invalid confidence for \"" + text + "\": " + confidence + " (expected 0..1)");
            }
            if (startMillis < 0 || endMillis < startMillis) {
                throw new IllegalArgumentException(
                        "invalid time for \"" + text + "\": " + startMillis + ".." + endMillis
                                + " ms (expected 0 <= start <= end)");
            }
        }
    }
}
