package dev.candor.telephony.media;

import java.util.Objects;

/**
 * Packet loss concealment for one decoded G.711 stream, in the simplest form that does not click:
 * a missing frame is replaced by the last good frame, attenuated, and consecutive losses fade to
 * silence.
 *
 * <p>The gain falls linearly, sample by sample, from 1 at the start of the first concealed frame to
 * 0 at the end of the {@value #FADE_FRAMES}th ({@value #FADE_FRAMES} × 20 ms); later concealed frames
 * are silence. The first good frame after a loss fades back in, from the gain the concealment had
 * reached up to 1 over the frame. Before any good frame, concealment is silence.
 *
 * <p>Use it after the {@link JitterBuffer}: decode a {@link JitterBuffer.Frame.Audio} and pass it
 * through {@link #good}; for {@link JitterBuffer.Frame.Lost} and {@link JitterBuffer.Frame.Empty}
 * play {@link #conceal()}. Not thread-safe: one instance per stream, on the media clock.
 */
public final class PcmConcealer {

    /** Concealed frames over which the repeated frame fades to silence. */
    public static final int FADE_FRAMES = 4;

    private final int frameSamples;
    private short[] lastGood;
    private int concealed;

    /** @param frameSamples samples per frame, 160 for 20 ms at 8 kHz */
    public PcmConcealer(int frameSamples) {
        if (frameSamples <= 0) {
            throw new IllegalArgumentException("invalid frame size: " + frameSamples + " samples (expected above 0)");
        }
        this.frameSamples = frameSamples;
    }

    /** A concealer for 20 ms frames at 8 kHz. */
    public static PcmConcealer forG711() {
        return new PcmConcealer(PlaybackQueue.FRAME_SAMPLES);
    }

    /**
     * Takes a frame that arrived, and returns the frame to play: the same samples, faded in if
     * frames were concealed just before. {@code frame} is not modified.
     *
     * @throws IllegalArgumentException if the frame does not have the configured number of samples
     */
    public short[] good(short[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length != frameSamples) {
            throw new IllegalArgumentException(
                    "invalid frame: " + frame.length + " samples (expected " + frameSamples + ")");
        }
        lastGood = frame.clone();
        if (concealed == 0) {
            return frame.clone();
        }
        double from = gainAfter(concealed);
        concealed = 0;
        short[] out = new short[frameSamples];
        for (int i = 0; i < frameSamples; i++) {
            double gain = from + (1 - from) * (i + 1) / frameSamples;
            out[i] = scale(frame[i], gain);
        }
        return out;
    }

    /** A frame to play in place of a missing one. */
    public short[] conceal() {
        concealed++;
        short[] out = new short[frameSamples];
        if (lastGood == null || concealed > FADE_FRAMES) {
            return out;
        }
        for (int i = 0; i < frameSamples; i++) {
            double position = concealed - 1 + (double) (i + 1) / frameSamples;
            out[i] = scale(lastGood[i], 1 - position / FADE_FRAMES);
        }
        return out;
    }

    /** How many frames in a row have been concealed; 0 after a good frame. */
    public int consecutiveConcealed() {
        return concealed;
    }

    private static double gainAfter(int concealedFrames) {
        return Math.max(0, 1 - (double) concealedFrames / FADE_FRAMES);
    }

    private static short scale(short sample, double gain) {
        return (short) Math.round(sample * Math.max(0, gain));
    }
}
