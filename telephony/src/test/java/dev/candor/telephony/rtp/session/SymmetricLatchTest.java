package dev.candor.telephony.rtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SymmetricLatchTest {
    private static final InetSocketAddress CALLER = new InetSocketAddress("192.0.2.10", 49170);
    private static final InetSocketAddress SAME_HOST_OTHER_PORT = new InetSocketAddress("192.0.2.10", 49172);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("198.51.100.66", 49170);

    private final SymmetricLatch latch = new SymmetricLatch();

    @Test
    void theFirstSourceIsLatchedAndOnlyItIsAcceptedAfterwards() {
        assertThat(latch.latched()).isEmpty();
        assertThat(latch.check(CALLER)).isEqualTo(SymmetricLatch.Verdict.LATCHED);
        assertThat(latch.check(CALLER)).isEqualTo(SymmetricLatch.Verdict.ACCEPTED);
        assertThat(latch.check(ATTACKER)).isEqualTo(SymmetricLatch.Verdict.FOREIGN);
        assertThat(latch.check(SAME_HOST_OTHER_PORT)).as("the port is part of the address")
                .isEqualTo(SymmetricLatch.Verdict.FOREIGN);
        assertThat(latch.latched()).contains(CALLER);
        assertThat(latch.foreignPackets()).isEqualTo(2);
    }
}
