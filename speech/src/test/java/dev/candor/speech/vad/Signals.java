package dev.candor.speech.vad;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Test signals at 8 kHz: tones, seeded noise, silence, and ways to join and mix them. */
final class Signals {

    static final int RATE = 8000;

    private Signals() {}

    static short[] silence(int millis) {
        return new short[RATE * millis / 1000];
    }

    /** Sum of sines with the given frequencies, each with an RMS of {@code dbfs} (full-scale square = 0). */
    static short[] tones(double dbfs, int millis, double... hz) {
        double amplitude = 32768 * Math.pow(10, dbfs / 20) * Math.sqrt(2);
        short[] out = new short[RATE * millis / 1000];
        for (int i = 0; i < out.length; i++) {
            double v = 0;
            for (double f : hz) {
                v += amplitude * Math.sin(2 * Math.PI * f * i / RATE);
            }
            out[i] = clip(v);
        }
        return out;
    }

    /** Gaussian white noise with an RMS of {@code dbfs}, the same for the same seed. */
    static short[] whiteNoise(long seed, double dbfs, int millis) {
        double sigma = 32768 * Math.pow(10, dbfs / 20);
        SplittableRandom random = new SplittableRandom(seed);
        short[] out = new short[RATE * millis / 1000];
        for (int i = 0; i < out.length; i++) {
            // Box-Muller
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            out[i] = clip(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return out;
    }

    static short[] concat(short[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        short[] out = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** {@code a + b}, as long as {@code a}. */
    static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = clip(a[i] + (i < b.length ? b[i] : 0));
        }
        return out;
    }

    static short[] slice(short[] pcm, int fromMillis, int toMillis) {
        return Arrays.copyOfRange(pcm, RATE * fromMillis / 1000, Math.min(pcm.length, RATE * toMillis / 1000));
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
