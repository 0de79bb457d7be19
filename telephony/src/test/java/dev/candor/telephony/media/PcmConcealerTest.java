package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcmConcealerTest {

    private static short[] constant(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }

    @Test
    void concealsWithSilenceBeforeAnyGoodFrame() {
        PcmConcealer concealer = PcmConcealer.forG711();

        assertThat(concealer.conceal()).containsOnly(0);
    }

    @Test
    void passesGoodFramesThroughUnchanged() {
        PcmConcealer concealer = PcmConcealer.forG711();
        short[] frame = constant(1234);

        assertThat(concealer.good(frame)).isEqualTo(frame).isNotSameAs(frame);
    }

    @Test
    void repeatsTheLastFrameFadingLinearlyToSilenceOverFourFrames() {
        PcmConcealer concealer = PcmConcealer.forG711();
        concealer.good(constant(1000));

        short[] first = concealer.conceal();
        // Gain after sample n of concealed frame k (1-based): 1 - (k - 1 + (n + 1) / 160) / 4.
        assertThat(first[0]).isEqualTo((short) 998);   // 1000 × (1 - 1/640) = 998.4
        assertThat(first[159]).isEqualTo((short) 750);
        assertThat(concealer.conceal()[159]).isEqualTo((short) 500);
        assertThat(concealer.conceal()[159]).isEqualTo((short) 250);
        short[] fourth = concealer.conceal();
        assertThat(fourth[0]).isEqualTo((short) 248);  // 1000 × (1 - 3.00625/4) = 248.4
        assertThat(fourth[159]).isZero();
        assertThat(concealer.conceal()).containsOnly(0);
        assertThat(concealer.consecutiveConcealed()).isEqualTo(5);
    }

    @Test
    void repeatsTheWaveformOfTheLastFrameNotJustItsLevel() {
        PcmConcealer concealer = PcmConcealer.forG711();
        short[] ramp = new short[160];
        for (int i = 0; i < 160; i++) {
            ramp[i] = (short) (i % 2 == 0 ? 8000 : -8000);
        }
        concealer.good(ramp);

        short[] concealed = concealer.conceal();

        for (int i = 0; i < 160; i++) {
            assertThat(Integer.signum(concealed[i])).isEqualTo(Integer.signum(ramp[i]));
        }
    }

    @Test
    void theFirstGoodFrameAfterALossFadesBackIn() {
        PcmConcealer concealer = PcmConcealer.forG711();
        concealer.good(constant(1000));
        concealer.conceal();
        concealer.conceal();                        // gain now 0.5

        short[] resumed = concealer.good(constant(1000));

        assertThat(resumed[0]).isEqualTo((short) 503); // 1000 × (0.5 + 0.5/160) = 503.1
        assertThat(resumed[159]).isEqualTo((short) 1000);
        assertThat(concealer.consecutiveConcealed()).isZero();
        assertThat(concealer.good(constant(1000))).containsOnly(1000);
    }

    @Test
    void rejectsAFrameOfTheWrongSize() {
        assertThatThrownBy(() -> PcmConcealer.forG711().good(new short[80]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("80 samples (expected 160)");
    }
}
