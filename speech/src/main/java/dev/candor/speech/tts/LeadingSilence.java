package dev.candor.speech.tts;

import java.util.Arrays;

/** Cuts leading silence down to a short pad so that speech starts promptly. */
final class LeadingSilence {

    /** A 10 ms block whose RMS exceeds this (about -40 dBFS) counts as sound. */
    static final double SOUND_RMS = 330;

    private LeadingSilence() {}

    /**
     * Returns {@code pcm} with the silence before the first sound shortened to at most {@code
     * keepMillis}; returns {@code pcm} itself when there is nothing to cut. All-silent input is
     * returned unchanged.
     */
    static short[] trim(short[] pcm, int sampleRateHz, int keepMillis) {
        int block = Math.max(1, sampleRateHz / 100);
        int keep = sampleRateHz * keepMillis / 1000;
        for (int start = 0; start < pcm.length; start += block) {
            int end = Math.min(pcm.length, start + block);
            if (rms(pcm, start, end) > SOUND_RMS) {
                int cut = Math.max(0, start - keep);
                return cut == 0 ? pcm : Arrays.copyOfRange(pcm, cut, pcm.length);
            }
        }
        return pcm;
    }

    private static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
