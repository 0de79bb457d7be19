package dev.candor.app.e2e;

import java.util.List;

/** Measurements on received audio: level and the strength of one frequency (Goertzel). */
final class Signals {
    private Signals() {
    }

    static double rms(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / frame.length);
    }

    /** Power of {@code frequencyHz} in the frame relative to its total power, 0-1. */
    static double toneShare(short[] frame, double frequencyHz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequencyHz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (short sample : frame) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double tonePower = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        double total = 0;
        for (short sample : frame) {
            total += (double) sample * sample;
        }
        return total == 0 ? 0 : 2 * tonePower / (frame.length * total);
    }

    /** Index of the first frame carrying mostly {@code frequencyHz}; fails when there is none. */
    static int firstFrameWithTone(List<short[]> frames, double frequencyHz) {
        for (int i = 0; i < frames.size(); i++) {
            if (hasTone(frames.get(i), frequencyHz)) {
                return i;
            }
        }
        throw new AssertionError("no frame with a " + frequencyHz + " Hz tone among " + frames.size());
    }

    static boolean hasTone(short[] frame, double frequencyHz) {
        return rms(frame) > 300 && toneShare(frame, frequencyHz) > 0.6;
    }

    /**
     * The longest run of consecutive frames carrying mostly {@code frequencyHz}: a steady tone gives long
     * runs, speech that happens to peak near the frequency only short ones.
     */
    static int longestRunWithTone(List<short[]> frames, double frequencyHz) {
        int longest = 0;
        int run = 0;
        for (short[] frame : frames) {
            run = hasTone(frame, frequencyHz) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** How many frames carry mostly {@code frequencyHz}. */
    static long framesWithTone(List<short[]> frames, double frequencyHz) {
        return frames.stream().filter(f -> hasTone(f, frequencyHz)).count();
    }
}
