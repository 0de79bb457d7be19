package dev.candor.handoff;

import java.util.Objects;

/**
 * The audio of a warm transfer, 8 kHz PCM: what the caller hears while waiting (looped) and the
 * summary the agent alone hears before being joined. Either may be empty.
 */
public record TransferAudio(short[] hold, short[] whisper) {
    public TransferAudio {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(whisper, "whisper");
    }
}
