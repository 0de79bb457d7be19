package dev.candor.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 3550 §6.4.1 and §A.8, the integer form: J16 += |D| - ((J16 + 8) >> 4), reported as J16 >> 4. */
class InterarrivalJitterTest {

    @Test
    void packetsArrivingExactlyOnTimeHaveNoJitter() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        for (int i = 0; i < 100; i++) {
            jitter.update(160L * i, 1_000 + 20L * i);
        }

        assertThat(jitter.jitter()).isZero();
        assertThat(jitter.jitterMillis()).isZero();
    }

    @Test
    void followsTheIntegerEstimatorStepByStep() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        jitter.update(0, 0);        // transit 0, the first packet only primes the estimate
        jitter.update(160, 30);     // transit 240 - 160 = 80, |D| = 80: J16 = 80
        assertThat(jitter.jitter()).isEqualTo(80 >> 4);
        jitter.update(320, 40);     // transit 320 - 320 = 0, |D| = 80: J16 = 80 + 80 - (88 >> 4 = 5) = 155
        assertThat(jitter.jitter()).isEqualTo(155 >> 4);
        assertThat(jitter.jitterMillis()).isEqualTo(155 / 16.0 / 8);
    }

    @Test
    void aTimestampWrapDoesNotLookLikeJitter() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        long timestamp = 0xFFFF_FFFFL - 320;
        for (int i = 0; i < 10; i++) {
            jitter.update(timestamp, 20L * i);
            timestamp = (timestamp + 160) & 0xFFFF_FFFFL;
        }

        assertThat(jitter.jitter()).isZero();
    }

    @Test
    void resetForgetsThePreviousTransit() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        jitter.update(0, 0);
        jitter.update(160, 500);
        jitter.reset();
        jitter.update(123_456, 7);  // a new source with an unrelated timestamp base
        jitter.update(123_616, 27);

        assertThat(jitter.jitter()).isZero();
    }

    @Test
    void rejectsANonPositiveClockRate() {
        assertThatThrownBy(() -> new InterarrivalJitter(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 Hz");
    }
}
