package dev.candor.speech.resample;

import java.util.Arrays;

/**
 * Streaming rational resampler: upsample by L, low-pass, downsample by M, computed as a polyphase
 * FIR so only the needed products are formed.
 *
 * <p>The anti-aliasing filter is a Kaiser-windowed sinc designed at construction: pass band up to
 * 85% of the lower Nyquist frequency, stop band from the lower Nyquist frequency on, at least
 * {@value #STOP_BAND_DB} dB down. The filter's group delay is compensated, so output sample
 * {@code n} lines up in time with input time {@code n * fromHz / toHz}.
 *
 * <p>{@link #process} keeps the filter history between calls, so feeding a stream in chunks gives
 * the same samples as feeding it at once. {@link #flush} returns the tail that is still inside the
 * filter and resets the resampler for a new stream. Output saturates to the 16-bit range. Not
 * thread-safe: one instance per stream.
 */
public final class Resampler {

    /** Designed stop-band attenuation; the measured attenuation is at least 60 dB. */
    static final double STOP_BAND_DB = 70;

    /** Pass band edge as a fraction of the lower Nyquist frequency. */
    static final double PASS_BAND_FRACTION = 0.85;

    /** Upsampling factors above this would need an impractically large filter. */
    static final int MAX_INTERPOLATION = 1024;

    private final int fromHz;
    private final int toHz;
    private final int up;
    private final int down;
    private final double[][] branches;
    private final int tapsPerPhase;
    private final long delay;

    /** The last {@code tapsPerPhase - 1} input samples; zeros before the stream started. */
    private short[] history;
    private long inputCount;
    private long outputCount;

    private Resampler(int fromHz, int toHz) {
        this.fromHz = fromHz;
        this.toHz = toHz;
        int gcd = gcd(fromHz, toHz);
        this.up = toHz / gcd;
        this.down = fromHz / gcd;
        if (up == 1 && down == 1) {
            this.branches = new double[][] {{1.0}};
        } else {
            double lowerNyquist = Math.min(fromHz, toHz) / 2.0;
            this.branches =
                    KaiserLowPass.designPolyphase(
                            (double) fromHz * up,
                            lowerNyquist * PASS_BAND_FRACTION,
                            lowerNyquist,
                            STOP_BAND_DB,
                            up);
        }
        this.tapsPerPhase = branches[0].length;
        this.delay = ((long) tapsPerPhase * up - 1) / 2;
        this.history = new short[tapsPerPhase - 1];
    }

    /**
     * A resampler from {@code fromHz} to {@code toHz}. Any pair of positive rates whose reduced
     * ratio L/M has L at most {@value #MAX_INTERPOLATION} is supported (16000→8000, 8000→16000,
     * 22050→8000, 48000→8000, 44100→48000, ...).
     *
     * @throws IllegalArgumentException naming both rates when they are not supported
     */
    public static Resampler of(int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) {
            throw new IllegalArgumentException(
                    "unsupported sample rates: " + fromHz + " Hz -> " + toHz + " Hz (expected both > 0)");
        }
        int interpolation = toHz / gcd(fromHz, toHz);
        if (interpolation > MAX_INTERPOLATION) {
            throw new IllegalArgumentException(
                    "unsupported sample rates: " + fromHz + " Hz -> " + toHz + " Hz (reduced ratio needs"
                            + " upsampling by " + interpolation + ", expected at most " + MAX_INTERPOLATION
                            + ")");
        }
        return new Resampler(fromHz, toHz);
    }

    /** Resamples a whole clip at once: {@code process(pcm)} followed by {@code flush()}. */
    public static short[] convert(short[] pcm, int fromHz, int toHz) {
        if (pcm == null) {
            throw new NullPointerException("pcm");
        }
        Resampler resampler = of(fromHz, toHz);
        short[] body = resampler.process(pcm);
        short[] tail = resampler.flush();
        short[] all = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return all;
    }

    public int fromHz() {
        return fromHz;
    }

    public int toHz() {
        return toHz;
    }

    /**
     * Feeds the next chunk of the stream and returns every output sample that the input so far
     * fully determines. The chunk may be empty.
     */
    public short[] process(short[] input) {
        if (input == null) {
            throw new NullPointerException("input");
        }
        long available = inputCount + input.length;
        // Output n needs input up to index floor((n * M + delay) / L).
        long limit = ceilDiv(available * up - delay, down);
        return produce(input, limit);
    }

    /**
     * Returns the samples still held in the filter, as if the stream were followed by silence, so
     * that the whole stream yields {@code ceil(inputSamples * L / M)} samples. Resets the resampler
     * for a new stream.
     */
    public short[] flush() {
        long limit = ceilDiv(inputCount * up, down);
        int zeros = (int) (delay / up) + tapsPerPhase + 1;
        short[] tail = produce(new short[zeros], limit);
        history = new short[tapsPerPhase - 1];
        inputCount = 0;
        outputCount = 0;
        return tail;
    }

    private short[] produce(short[] input, long outputLimit) {
        int historyLength = history.length;
        short[] window = new short[historyLength + input.length];
        System.arraycopy(history, 0, window, 0, historyLength);
        System.arraycopy(input, 0, window, historyLength, input.length);
        long windowStart = inputCount - historyLength; // stream index of window[0]
        int count = (int) Math.max(0, outputLimit - outputCount);
        short[] output = new short[count];
        for (int k = 0; k < count; k++) {
            long time = (outputCount + k) * down + delay; // index at the upsampled rate
            long newest = Math.floorDiv(time, up);
            int phase = (int) (time - newest * up);
            output[k] = saturate(dot(branches[phase], window, (int) (newest - windowStart)));
        }
        outputCount += count;
        inputCount += input.length;
        history = Arrays.copyOfRange(window, window.length - historyLength, window.length);
        return output;
    }

    /** Sum of {@code taps[q] * window[newest - q]}; samples outside the window are zero. */
    private static double dot(double[] taps, short[] window, int newest) {
        double sum = 0;
        int first = Math.max(0, newest - window.length + 1);
        int last = Math.min(taps.length - 1, newest);
        for (int q = first; q <= last; q++) {
            sum += taps[q] * window[newest - q];
        }
        return sum;
    }

    private static short saturate(double value) {
        long rounded = Math.round(value);
        if (rounded > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (rounded < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) rounded;
    }

    private static long ceilDiv(long numerator, long denominator) {
        return -Math.floorDiv(-numerator, denominator);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return "Resampler[" + fromHz + " Hz -> " + toHz + " Hz, L=" + up + ", M=" + down
                + ", taps=" + tapsPerPhase * up + "]";
    }
}
