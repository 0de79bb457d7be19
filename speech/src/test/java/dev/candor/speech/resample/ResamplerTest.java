package dev.candor.speech.resample;

import static dev.candor.speech.resample.Tones.amplitude;
import static dev.candor.speech.resample.Tones.decibels;
import static dev.candor.speech.resample.Tones.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static final double AMPLITUDE = 10_000;

    @Test
    void downsampling16kTo8kPassesOneKilohertzWithinOneDecibel() {
        short[] out = Resampler.convert(sine(1000, 16_000, AMPLITUDE, 16_000), 16_000, 8_000);

        double gainDb = decibels(amplitude(out, 2000, 4000, 1000, 8000) / AMPLITUDE);

        assertThat(gainDb).isBetween(-1.0, 1.0);
    }

    @Test
    void downsampling16kTo8kAttenuatesSixKilohertzInsteadOfAliasingItToTwoKilohertz() {
        short[] out = Resampler.convert(sine(6000, 16_000, AMPLITUDE, 16_000), 16_000, 8_000);

        double aliasDb = decibels(amplitude(out, 2000, 4000, 2000, 8000) / AMPLITUDE);

        assertThat(aliasDb).isLessThan(-60.0);
    }

    @Test
    void upsampling8kTo16kKeepsOneKilohertzAndSuppressesItsImageAtSevenKilohertz() {
        short[] out = Resampler.convert(sine(1000, 8000, AMPLITUDE, 8000), 8000, 16_000);

        double toneDb = decibels(amplitude(out, 4000, 8000, 1000, 16_000) / AMPLITUDE);
        double imageDb = decibels(amplitude(out, 4000, 8000, 7000, 16_000) / AMPLITUDE);

        assertThat(toneDb).isBetween(-1.0, 1.0);
        assertThat(imageDb).isLessThan(-60.0);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz: {2} Hz tone would alias to {3} Hz")
    @CsvSource({"48000, 8000, 9000, 1000", "22050, 8000, 5000, 3000", "44100, 16000, 9100, 6900"})
    void otherRatiosPassOneKilohertzAndRejectTonesAboveTheOutputNyquist(
            int fromHz, int toHz, int stopToneHz, int aliasHz) {
        short[] pass = Resampler.convert(sine(1000, fromHz, AMPLITUDE, fromHz), fromHz, toHz);
        short[] stop = Resampler.convert(sine(stopToneHz, fromHz, AMPLITUDE, fromHz), fromHz, toHz);
        int block = toHz / 2; // half a second: whole cycles of both test frequencies

        double passDb = decibels(amplitude(pass, toHz / 4, block, 1000, toHz) / AMPLITUDE);
        double aliasDb = decibels(amplitude(stop, toHz / 4, block, aliasHz, toHz) / AMPLITUDE);

        assertThat(passDb).isBetween(-1.0, 1.0);
        assertThat(aliasDb).isLessThan(-60.0);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"16000, 8000", "8000, 16000", "22050, 8000", "48000, 8000", "8000, 8000"})
    void dcGainIsOne(int fromHz, int toHz) {
        short[] dc = new short[fromHz];
        java.util.Arrays.fill(dc, (short) 1000);

        short[] out = Resampler.convert(dc, fromHz, toHz);

        for (int i = toHz / 4; i < toHz * 3 / 4; i++) {
            assertThat((double) out[i]).as("sample %d", i).isCloseTo(1000.0, within(1.0));
        }
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"16000, 8000", "8000, 16000", "22050, 8000", "48000, 8000", "8000, 8000"})
    void chunkedInputGivesTheSameSamplesAsOneCall(int fromHz, int toHz) {
        Random random = new Random(42);
        short[] noise = new short[fromHz / 2];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 4000);
        }
        short[] whole = Resampler.convert(noise, fromHz, toHz);

        Resampler resampler = Resampler.of(fromHz, toHz);
        short[] chunked = new short[0];
        int position = 0;
        while (position < noise.length) {
            int size = Math.min(noise.length - position, random.nextInt(400)); // includes 0 and 1
            short[] chunk = java.util.Arrays.copyOfRange(noise, position, position + size);
            chunked = concat(chunked, resampler.process(chunk));
            position += size;
        }
        chunked = concat(chunked, resampler.flush());

        assertThat(chunked).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, {2} samples")
    @CsvSource({
        "16000, 8000, 16000, 8000",
        "16000, 8000, 16001, 8001",
        "8000, 16000, 160, 320",
        "22050, 8000, 22050, 8000",
        "22050, 8000, 441, 160",
        "48000, 8000, 960, 160",
        "8000, 8000, 123, 123"
    })
    void outputLengthIsInputTimesUpOverDown(int fromHz, int toHz, int inputLength, int expected) {
        assertThat(Resampler.convert(new short[inputLength], fromHz, toHz)).hasSize(expected);
    }

    @Test
    void flushResetsForANewStream() {
        short[] tone = sine(1000, 16_000, AMPLITUDE, 1600);
        Resampler resampler = Resampler.of(16_000, 8000);
        short[] first = concat(resampler.process(tone), resampler.flush());

        short[] second = concat(resampler.process(tone), resampler.flush());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void fullScaleSquareWaveSaturatesInsteadOfWrapping() {
        short[] square = new short[16_000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 40) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE; // 200 Hz
        }

        short[] out = Resampler.convert(square, 16_000, 8000);

        // Gibbs overshoot exceeds full scale next to every edge: it must clip, not flip sign.
        assertThat(out).contains(Short.MAX_VALUE, Short.MIN_VALUE);
        for (int i = 100; i < out.length - 100; i++) {
            int phase = i % 40; // 20 output samples high, 20 low
            if (phase >= 5 && phase < 15) {
                assertThat(out[i]).as("sample %d in a high plateau", i).isGreaterThan((short) 20_000);
            } else if (phase >= 25 && phase < 35) {
                assertThat(out[i]).as("sample %d in a low plateau", i).isLessThan((short) -20_000);
            }
        }
    }

    @Test
    void rejectsNonPositiveRatesNamingThem() {
        assertThatThrownBy(() -> Resampler.of(0, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 Hz -> 8000 Hz");
    }

    @Test
    void rejectsRatiosThatNeedAHugeFilterNamingTheRates() {
        assertThatThrownBy(() -> Resampler.of(8000, 8017))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8000 Hz -> 8017 Hz")
                .hasMessageContaining("8017");
    }

    @Test
    void reportsItsRates() {
        Resampler resampler = Resampler.of(22_050, 8000);

        assertThat(resampler.fromHz()).isEqualTo(22_050);
        assertThat(resampler.toHz()).isEqualTo(8000);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
