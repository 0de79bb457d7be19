package dev.candor.app.recording;

import java.io.IOException;

/**
 * An encrypted recording that cannot be read as it claims: not a recording, a different master key,
 * a chunk that fails authentication (tampered), or a file cut short when the reader asked for a complete one.
 */
public final class RecordingFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecordingFormatException(String message) {
        super(message);
    }

    public RecordingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
