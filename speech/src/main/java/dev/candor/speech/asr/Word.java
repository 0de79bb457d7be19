package dev.candor.speech.asr;

import java.util.Objects;

/**
 * One recognised word with its confidence (0 to 1) and media time in milliseconds since the
 * stream's first sample.
 */
public record Word(String word, double confidence, long startMillis, long endMillis) {

    public Word {
        Objects.requireNonNull(word, "word");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException(
                    "invalid confidence for \"" + word + "\": " + confidence + " (expected 0..1)");
        }
        if (startMillis < 0 || endMillis < startMillis) {
            throw new IllegalArgumentException(
                    "invalid time for \"" + word + "\": " + startMillis + ".." + endMillis
                            + " ms (expected 0 <= start <= end)");
        }
    }
}
