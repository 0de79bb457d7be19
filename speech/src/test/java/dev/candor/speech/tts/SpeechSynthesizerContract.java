package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link SpeechSynthesizer} for Candor's telephone audio must do: 8 kHz speech of a
 * plausible length, energy in the telephone band, and a prompt start. Real engines extend it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpeechSynthesizerContract {

    static final String HELLO = "Hello, this is a test.";

    /** The synthesizer under test, shared by the tests of one class. */
    protected abstract SpeechSynthesizer synthesizer();

    @Test
    void synthesisesHelloToAudibleEightKilohertzSpeechOfPlausibleLength() {
        short[] pcm = synthesizer().synthesize(HELLO);

        assertThat(synthesizer().sampleRateHz()).isEqualTo(8000);
        assertThat(pcm.length / 8000.0).as("seconds").isBetween(0.8, 4.0);
        assertThat(rms(pcm, 0, pcm.length)).as("RMS").isGreaterThan(500.0);
    }

    @Test
    void speechEnergyLiesInTheTelephoneBand() {
        short[] pcm = synthesizer().synthesize(HELLO);

        double total = bandEnergy(pcm, 0, 4000);
        double voiceBand = bandEnergy(pcm, 80, 3500);
        double nearNyquist = bandEnergy(pcm, 3700, 4000);

        assertThat(voiceBand / total).isGreaterThan(0.9);
        assertThat(nearNyquist / total).isLessThan(0.01);
    }

    @Test
    void speechStartsWithinSixtyMilliseconds() {
        short[] pcm = synthesizer().synthesize(HELLO);

        int firstLoudBlock = 0;
        while (rms(pcm, firstLoudBlock * 80, firstLoudBlock * 80 + 80) <= LeadingSilence.SOUND_RMS) {
            firstLoudBlock++;
        }

        assertThat(firstLoudBlock * 10).as("milliseconds before speech").isLessThanOrEqualTo(60);
    }

    @Test
    void blankTextGivesNoAudio() {
        assertThat(synthesizer().synthesize("  ")).isEmpty();
    }

    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < Math.min(to, pcm.length); i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Energy between two frequencies, from a DFT of consecutive 256-sample blocks at 8 kHz. */
    static double bandEnergy(short[] pcm, double lowHz, double highHz) {
        int n = 256;
        double energy = 0;
        for (int start = 0; start + n <= pcm.length; start += n) {
            for (int bin = 0; bin <= n / 2; bin++) {
                double hz = bin * 8000.0 / n;
                if (hz < lowHz || hz > highHz) {
                    continue;
                }
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
                    re += pcm[start + i] * hann * Math.cos(2 * Math.PI * bin * i / n);
                    im -= pcm[start + i] * hann * Math.sin(2 * Math.PI * bin * i / n);
                }
                energy += re * re + im * im;
            }
        }
        return energy;
    }
}
