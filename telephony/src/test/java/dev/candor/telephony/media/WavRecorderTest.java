package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavRecorderTest {

    @Test
    void keepsBothSidesAlignedPerTickWithSilenceForAMissingSide() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavRecorder recorder = new WavRecorder(StereoWavWriter.to(out))) {
            for (int tick = 0; tick < 50; tick++) {
                if (tick != 10) {                       // one caller frame missing
                    recorder.caller(frameNumbered(tick, 1));
                }
                if (tick >= 20 && tick < 30) {          // Candor speaks for 200 ms
                    recorder.candor(frameNumbered(tick, -1));
                }
                recorder.tick();
            }
            assertThat(recorder.ticks()).isEqualTo(50);
        }

        WavReader.Audio audio = WavReader.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(audio.length()).isEqualTo(50 * 160);
        short[] left = audio.channel(0);
        short[] right = audio.channel(1);
        for (int tick = 0; tick < 50; tick++) {
            short[] callerSide = Arrays.copyOfRange(left, tick * 160, tick * 160 + 160);
            short[] candorSide = Arrays.copyOfRange(right, tick * 160, tick * 160 + 160);
            assertThat(callerSide).as("caller, tick %d", tick)
                    .isEqualTo(tick == 10 ? new short[160] : frameNumbered(tick, 1));
            assertThat(candorSide).as("Candor, tick %d", tick)
                    .isEqualTo(tick >= 20 && tick < 30 ? frameNumbered(tick, -1) : new short[160]);
        }
    }

    @Test
    void closeWritesATickInProgress() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavRecorder recorder = new WavRecorder(StereoWavWriter.to(out));
        recorder.candor(frameNumbered(7, 1));

        recorder.close();

        WavReader.Audio audio = WavReader.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(audio.channel(0)).containsOnly(0);
        assertThat(audio.channel(1)).isEqualTo(frameNumbered(7, 1));
    }

    @Test
    void theRecorderCopiesFramesSoTheCallerMayReuseItsBuffer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short[] reused = frameNumbered(1, 1);
        try (WavRecorder recorder = new WavRecorder(StereoWavWriter.to(out))) {
            recorder.caller(reused);
            Arrays.fill(reused, (short) 0);
            recorder.tick();
        }

        assertThat(WavReader.read(new ByteArrayInputStream(out.toByteArray())).channel(0))
                .isEqualTo(frameNumbered(1, 1));
    }

    @Test
    void refusesTwoFramesForOneSideInOneTickAndFramesOfTheWrongSize() throws IOException {
        WavRecorder recorder = new WavRecorder(StereoWavWriter.to(new ByteArrayOutputStream()));
        recorder.caller(new short[160]);

        assertThatThrownBy(() -> recorder.caller(new short[160]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tick 0");
        assertThatThrownBy(() -> recorder.candor(new short[80]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("80 samples (expected 160)");
    }

    /** A frame whose samples identify the tick: tick × 100 + i, times {@code sign}. */
    private static short[] frameNumbered(int tick, int sign) {
        short[] frame = new short[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) (sign * (tick * 100 + i));
        }
        return frame;
    }
}
