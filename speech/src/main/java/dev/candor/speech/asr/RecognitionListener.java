package dev.candor.speech.asr;

/**
 * Receives one call's recognition results from a {@link RecognitionStream}, in order, on a thread of
 * the {@link RecognitionPool}. May do modest work; a slow listener delays that call's recognition.
 */
public interface RecognitionListener {

    /** A {@link RecognitionEvent.Partial} or a {@link RecognitionEvent.Final}, stamped with media time. */
    void onEvent(RecognitionEvent event);

    /**
     * The recognizer failed; the stream has stopped and closed it. Called at most once, and no event
     * follows. The caller decides what the call does without recognition (for example, hand off
     * with reason {@code asr_unavailable}).
     */
    void onError(RuntimeException error);
}
