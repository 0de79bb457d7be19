package dev.candor.speech.asr;

/**
 * The calls {@link VoskRecognizer} makes on a Vosk recognizer, so the event logic can be tested
 * without the native library or a model. Results are Vosk's JSON strings.
 */
interface VoskEngine extends AutoCloseable {

    /** Feeds little-endian 16-bit PCM; true when an utterance has ended and a result is ready. */
    boolean acceptWaveForm(byte[] data, int length);

    String result();

    String partialResult();

    String finalResult();

    @Override
    void close();
}
