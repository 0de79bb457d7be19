package dev.candor.speech.audio;

import java.io.IOException;

/** A WAV file whose header or layout is not what {@link WavReader} accepts; the message says why. */
public final class InvalidWavException extends IOException {

    private static final long serialVersionUID = 1L;

    InvalidWavException(String message) {
        super(message);
    }
}
