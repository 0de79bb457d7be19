package dev.candor.app.recording;

import dev.candor.telephony.media.WavRecorder;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One recording being written. Its file, recorder and row belong to the writer thread; the media thread
 * only counts frames the full queue refused, which the writer turns into silence to keep call time.
 */
final class OpenRecording {
    final String callId;
    final long rowId;
    final Path file;
    final WavRecorder recorder;
    final EncryptingOutputStream encrypted;
    /** Ticks the queue refused; written as silence before the next frame. Any thread. */
    final AtomicLong droppedTicks = new AtomicLong();
    // Writer thread only.
    boolean finished;
    boolean failed;

    OpenRecording(String callId, long rowId, Path file, WavRecorder recorder, EncryptingOutputStream encrypted) {
        this.callId = Objects.requireNonNull(callId, "callId");
        this.rowId = rowId;
        this.file = Objects.requireNonNull(file, "file");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.encrypted = Objects.requireNonNull(encrypted, "encrypted");
    }

    @Override
    public String toString() {
        return "recording of call " + callId;
    }
}
