package dev.candor.speech.resample;

/** Test signals and a Goertzel level meter, shared by the resampler tests. */
final class Tones {

    private Tones() {}

    static short[] sine(double hz, int sampleRateHz, double amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRateHz));
        }
        return pcm;
    }

    /**
     * Amplitude of the {@code hz} component of {@code pcm[from, from + length)}, by the Goertzel
     * algorithm. Exact for tones with a whole number of cycles in the block.
     */
    static double amplitude(short[] pcm, int from, int length, double hz, int sampleRateHz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / sampleRateHz);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < from + length; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power =
                previous * previous + beforePrevious * beforePrevious
                        - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / length;
    }

    static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
