package dev.candor.speech.tts;

import java.util.Objects;

/**
 * One sentence of a streamed reply and its audio.
 *
 * @param index position in the reply, from 0
 * @param text the sentence as synthesised
 * @param pcm its audio at the synthesizer's rate; callers must not modify it
 * @param last whether this is the reply's final sentence
 */
public record SentenceAudio(int index, String text, short[] pcm, boolean last) {

    public SentenceAudio {
        if (index < 0) {
            throw new IllegalArgumentException("invalid sentence index: " + index + " (expected >= 0)");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pcm, "pcm");
    }
}
