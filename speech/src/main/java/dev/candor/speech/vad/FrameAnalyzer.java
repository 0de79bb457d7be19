package dev.candor.speech.vad;

import java.util.Arrays;

/**
 * Measures the features the detector decides on, frame by frame: level, per-5 ms block levels,
 * periodicity at pitch lags and how tone-like the spectrum is. Keeps the previous frame so that
 * pitch lags longer than the frame's start can be correlated.
 *
 * <p>Pure arithmetic, one instance per call; not thread-safe.
 */
final class FrameAnalyzer {

    /** Power of a full-scale square wave; levels are relative to it. */
    private static final double FULL_SCALE_POWER = 32768.0 * 32768.0;
    private static final double SILENT_DB = -120;
    private static final double PRE_EMPHASIS = 0.95;

    private final int frameSamples;
    private final int blockSamples;
    private final int minLag;
    private final int maxLag;
    private final double binHz;
    private final double[] emphasised;
    private final double[] window;
    private final double[] re;
    private final double[] im;
    private double lastSample;

    FrameAnalyzer(int sampleRateHz, int frameSamples) {
        this.frameSamples = frameSamples;
        this.blockSamples = sampleRateHz / 200;
        this.minLag = sampleRateHz / 400;
        this.maxLag = Math.min(frameSamples, sampleRateHz / 70);
        int fftSize = Integer.highestOneBit(frameSamples - 1) << 1; // 256 for 160 samples
        this.re = new double[fftSize];
        this.im = new double[fftSize];
        this.binHz = (double) sampleRateHz / fftSize;
        this.emphasised = new double[2 * frameSamples];
        this.window = new double[frameSamples];
        for (int i = 0; i < frameSamples; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (frameSamples - 1));
        }
    }

    /**
     * Measures the level of {@code frame}, the next frame of the call, and keeps it for {@link
     * #periodicity()} and {@link #toneRatio(short[])}.
     */
    FrameFeatures analyse(short[] frame) {
        System.arraycopy(emphasised, frameSamples, emphasised, 0, frameSamples);
        for (int i = 0; i < frameSamples; i++) {
            emphasised[frameSamples + i] = frame[i] - PRE_EMPHASIS * lastSample;
            lastSample = frame[i];
        }
        double[] blocks = new double[frameSamples / blockSamples];
        double total = 0;
        for (int b = 0; b < blocks.length; b++) {
            double sum = 0;
            for (int i = b * blockSamples; i < (b + 1) * blockSamples; i++) {
                sum += (double) frame[i] * frame[i];
            }
            total += sum;
            blocks[b] = decibels(sum / blockSamples);
        }
        return new FrameFeatures(decibels(total / (blocks.length * blockSamples)), blocks);
    }

    /**
     * Highest normalised autocorrelation of the pre-emphasised signal of the last analysed frame at
     * a pitch lag (70-400 Hz), 0..1. Pre-emphasis whitens pink noise, which would otherwise
     * correlate at short lags. Costs about 100 times more than {@link #analyse}.
     */
    double periodicity() {
        double best = 0;
        double energy = 0;
        for (int n = frameSamples; n < 2 * frameSamples; n++) {
            energy += emphasised[n] * emphasised[n];
        }
        if (energy == 0) {
            return 0;
        }
        for (int lag = minLag; lag <= maxLag; lag++) {
            double cross = 0;
            double laggedEnergy = 0;
            for (int n = frameSamples; n < 2 * frameSamples; n++) {
                double lagged = emphasised[n - lag];
                cross += emphasised[n] * lagged;
                laggedEnergy += lagged * lagged;
            }
            if (laggedEnergy > 0) {
                best = Math.max(best, cross / Math.sqrt(energy * laggedEnergy));
            }
        }
        return best;
    }

    /**
     * Share of the power of {@code frame} in its two strongest 100 Hz-wide bands: near 1 for one or
     * two steady tones (a beep, a dial tone), well below for voiced speech with its many harmonics.
     */
    double toneRatio(short[] frame) {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        double mean = 0;
        for (short s : frame) {
            mean += s;
        }
        mean /= frameSamples;
        for (int i = 0; i < frameSamples; i++) {
            re[i] = (frame[i] - mean) * window[i];
        }
        Fft.transform(re, im);
        int bins = re.length / 2 + 1;
        double[] power = new double[bins];
        double total = 0;
        for (int k = 0; k < bins; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
            total += power[k];
        }
        if (total == 0) {
            return 0;
        }
        int half = (int) Math.round(50 / binHz);
        double first = 0;
        int firstAt = -1;
        for (int k = 0; k < bins; k++) {
            double band = band(power, k, half);
            if (band > first) {
                first = band;
                firstAt = k;
            }
        }
        double second = 0;
        for (int k = 0; k < bins; k++) {
            if (Math.abs(k - firstAt) > 2 * half) {
                second = Math.max(second, band(power, k, half));
            }
        }
        return (first + second) / total;
    }

    private static double band(double[] power, int centre, int half) {
        double sum = 0;
        for (int k = Math.max(0, centre - half); k <= Math.min(power.length - 1, centre + half); k++) {
            sum += power[k];
        }
        return sum;
    }

    static double decibels(double meanSquare) {
        return meanSquare <= 0 ? SILENT_DB : Math.max(SILENT_DB, 10 * Math.log10(meanSquare / FULL_SCALE_POWER));
    }
}
