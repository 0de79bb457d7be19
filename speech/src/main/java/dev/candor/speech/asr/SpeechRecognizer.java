package dev.candor.speech.asr;

import java.util.List;

/**
 * Streaming recognition of one call's audio. Not thread-safe: the caller serialises calls.
 *
 * <p>Audio is signed 16-bit mono PCM at the rate the recognizer was created for (8000 Hz in
 * Candor).
 */
public interface SpeechRecognizer extends AutoCloseable {

    /** Feeds the next samples and returns the events they produced, in order; often empty. */
    List<RecognitionEvent> accept(short[] pcm8k);

    /** Ends the stream and returns what is left, at most one {@link RecognitionEvent.Final}. */
    List<RecognitionEvent> finish();

    /** Frees the engine's resources; later calls fail with IllegalStateException. */
    @Override
    void close();
}
