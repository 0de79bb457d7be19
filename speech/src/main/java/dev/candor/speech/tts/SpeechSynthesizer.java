package dev.candor.speech.tts;

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

    /** Frees the engine; later calls to {@link #synthesize} fail. */
    @Override
    void close();
}
