package dev.candor.telephony.media;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * Records one call as a stereo WAV, caller on the left, Candor on the right, one 20 ms frame per
 * side per media tick.
 *
 * <p>During a tick, hand over what the caller said ({@link #caller}, the jitter buffer's output
 * after concealment) and what Candor played ({@link #candor}, the frame sent); then {@link #tick()}
 * writes both side by side. A side without a frame this tick is written as silence, so the two
 * channels stay aligned with each other and with call time.
 *
 * <p>The recorder takes a {@link StereoWavWriter}, which may write through a cipher stream:
 * encryption at rest is the caller's business. Not thread-safe: the media clock drives it.
 */
public final class WavRecorder implements Closeable {

    private final StereoWavWriter writer;
    private final int frameSamples;
    private short[] callerFrame;
    private short[] candorFrame;
    private long ticks;

    /** A recorder of 20 ms frames at 8 kHz. */
    public WavRecorder(StereoWavWriter writer) {
        this(writer, PlaybackQueue.FRAME_SAMPLES);
    }

    /** @param frameSamples samples per tick and side */
    public WavRecorder(StereoWavWriter writer, int frameSamples) {
        this.writer = Objects.requireNonNull(writer, "writer");
        if (frameSamples <= 0) {
            throw new IllegalArgumentException("invalid frame size: " + frameSamples + " samples (expected above 0)");
        }
        this.frameSamples = frameSamples;
    }

    /**
     * The caller's audio for this tick, copied.
     *
     * @throws IllegalStateException if the caller's frame was already given this tick
     */
    public void caller(short[] frame) {
        if (callerFrame != null) {
            throw new IllegalStateException("caller frame already recorded for tick " + ticks);
        }
        callerFrame = checked(frame).clone();
    }

    /**
     * Candor's audio for this tick, copied.
     *
     * @throws IllegalStateException if Candor's frame was already given this tick
     */
    public void candor(short[] frame) {
        if (candorFrame != null) {
            throw new IllegalStateException("Candor frame already recorded for tick " + ticks);
        }
        candorFrame = checked(frame).clone();
    }

    /** Writes this tick, silence for a side that gave no frame, and starts the next. */
    public void tick() throws IOException {
        short[] silence = callerFrame == null || candorFrame == null ? new short[frameSamples] : null;
        writer.write(callerFrame != null ? callerFrame : silence, candorFrame != null ? candorFrame : silence);
        callerFrame = null;
        candorFrame = null;
        ticks++;
    }

    /** Ticks written so far. */
    public long ticks() {
        return ticks;
    }

    /** Writes a tick in progress, if a side gave a frame, then closes the writer. */
    @Override
    public void close() throws IOException {
        try {
            if (callerFrame != null || candorFrame != null) {
                tick();
            }
        } finally {
            writer.close();
        }
    }

    private short[] checked(short[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length != frameSamples) {
            throw new IllegalArgumentException(
                    "invalid frame: " + frame.length + " samples (expected " + frameSamples + ")");
        }
        return frame;
    }
}
