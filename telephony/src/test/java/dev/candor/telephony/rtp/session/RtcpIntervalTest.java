package dev.candor.telephony.rtp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.3.1 and §6.2 for a two-member session whose bandwidth interval is below the 5 s minimum. */
class RtcpIntervalTest {

    @Test
    void theFirstIntervalIsHalfTheMinimumRandomisedAndCompensated() {
        for (long seed = 0; seed < 200; seed++) {
            long first = new RtcpInterval(RtcpInterval.DEFAULT_MINIMUM, new SplittableRandom(seed)).nextMillis();
            // Td/2 × [0.5, 1.5) / (e − 3/2)
            assertThat(first).isBetween(Math.round(2500 * 0.5 / 1.21828), Math.round(2500 * 1.5 / 1.21828));
        }
    }

    @Test
    void laterIntervalsSpreadAroundFiveSecondsSoCallsDoNotSynchronise() {
        RtcpInterval interval = new RtcpInterval(RtcpInterval.DEFAULT_MINIMUM, new SplittableRandom(42));
        interval.nextMillis();
        Set<Long> seen = new HashSet<>();
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            long next = interval.nextMillis();
            // "Td × [0.5, 1.5) / (e − 3/2)": 2.05 s to 6.16 s
            assertThat(next).isBetween(2052L, 6157L);
            seen.add(next);
            sum += next;
        }
        assertThat(seen.size()).isGreaterThan(500);
        assertThat(sum / 1000.0).isCloseTo(5000 / 1.21828, org.assertj.core.data.Offset.offset(100.0));
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> new RtcpInterval(Duration.ZERO, new SplittableRandom()))
                .hasMessageContaining("invalid RTCP interval: PT0S");
    }
}
