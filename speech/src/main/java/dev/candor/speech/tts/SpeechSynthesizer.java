package dev.candor.speech.tts;

import java.util.List;
import java.util.Objects;

/**
 * Turns text into signed 16-bit mono PCM at {@link #sampleRateHz()} (8000 Hz for Candor's
 * telephone audio). Implementations say whether they are thread-safe.
 */
public interface SpeechSynthesizer extends AutoCloseable {

    /**
     * Speaks {@code text} into a new array of samples. Empty or blank text gives an empty array.
     *
     * @throws IllegalStateException when the engine fails or the synthesizer is closed
     */
    short[] synthesize(String text);

    int sampleRateHz();

    /**
     * Speaks {@code text} sentence by sentence ({@link SentenceSplitter}): synthesises the first
     * sentence, hands it to {@code sink}, then the next, so the first sentence can play while the
     * rest is synthesised. Runs on the calling thread, which should therefore not be an event loop
     * or the media clock; {@link SpeechStream} runs it on an executor.
     *
     * @return true when every sentence was delivered, false when the sink stopped the stream
     * @throws IllegalStateException when the engine fails; sentences already delivered stay
     *     delivered
     */
    default boolean synthesizeStreaming(String text, SentenceSink sink) {
        Objects.requireNonNull(sink, "sink");
        List<String> sentences = SentenceSplitter.split(text);
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            boolean last = i == sentences.size() - 1;
            if (!sink.accept(new SentenceAudio(i, sentence, synthesize(sentence), last))) {
                return last;
            }
        }
        return true;
    }

    /** Frees the engine; later calls to {@link #synthesize} fail. */
    @Override
    void close();
}
