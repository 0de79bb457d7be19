package dev.candor.speech.resample;

/**
 * Designs a windowed-sinc low-pass FIR with a Kaiser window (Kaiser's formulas for order and
 * beta), laid out as polyphase branches for an L/M rational resampler.
 */
final class KaiserLowPass {

    private KaiserLowPass() {}

    /**
     * Designs the prototype filter at the upsampled rate {@code upsampledHz} and returns it split
     * into {@code phases} branches: {@code result[p][q] = h[p + q * phases]}. Every branch is
     * normalised to a DC gain of exactly 1, so the resampler's DC gain is 1 at every output phase.
     *
     * @param passHz end of the pass band
     * @param stopHz start of the stop band
     * @param stopBandDb required stop-band attenuation in dB (positive)
     */
    static double[][] designPolyphase(
            double upsampledHz, double passHz, double stopHz, double stopBandDb, int phases) {
        double transition = 2 * Math.PI * (stopHz - passHz) / upsampledHz;
        int order = (int) Math.ceil((stopBandDb - 7.95) / (2.285 * transition));
        int tapsPerPhase = Math.max(1, (order + phases) / phases);
        int length = tapsPerPhase * phases;
        double beta = beta(stopBandDb);
        double cutoff = (passHz + stopHz) / 2 / upsampledHz; // cycles per sample
        double centre = (length - 1) / 2.0;
        double denominator = besselI0(beta);
        double[][] branches = new double[phases][tapsPerPhase];
        for (int n = 0; n < length; n++) {
            double t = n - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double ratio = length == 1 ? 0 : 2.0 * n / (length - 1) - 1;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / denominator;
            branches[n % phases][n / phases] = sinc * window;
        }
        for (double[] branch : branches) {
            normalise(branch);
        }
        return branches;
    }

    private static void normalise(double[] branch) {
        double sum = 0;
        for (double tap : branch) {
            sum += tap;
        }
        if (sum == 0) {
            throw new IllegalStateException("filter branch has zero DC gain; cannot normalise");
        }
        for (int i = 0; i < branch.length; i++) {
            branch[i] /= sum;
        }
    }

    static double beta(double stopBandDb) {
        if (stopBandDb > 50) {
            return 0.1102 * (stopBandDb - 8.7);
        }
        if (stopBandDb >= 21) {
            return 0.5842 * Math.pow(stopBandDb - 21, 0.4) + 0.07886 * (stopBandDb - 21);
        }
        return 0;
    }

    /** Modified Bessel function of the first kind, order zero, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 200; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
