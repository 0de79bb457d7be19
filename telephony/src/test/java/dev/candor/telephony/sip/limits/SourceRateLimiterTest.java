package dev.candor.telephony.sip.limits;

import static dev.candor.telephony.sip.limits.SourceRateLimiter.Decision.ALLOW;
import static dev.candor.telephony.sip.limits.SourceRateLimiter.Decision.BANNED;
import static dev.candor.telephony.sip.limits.SourceRateLimiter.Decision.LIMITED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** The token bucket and the ban in virtual time: 20 messages/s, burst 40, ban after 100 over. */
class SourceRateLimiterTest {
    private static final InetAddress SCANNER = address("198.51.100.66");
    private static final InetAddress TRUNK = address("203.0.113.5");

    private final MutableClock clock = new MutableClock();
    private final SourceRateLimiter limiter = new SourceRateLimiter(
            FloodLimits.defaults().withTrusted(TrustedAddresses.of(List.of("203.0.113.0/24"))), clock);

    @Test
    void aQuietSourceMaySendItsBurstThenIsLimited() {
        for (int i = 0; i < 40; i++) {
            assertThat(limiter.check(SCANNER)).isEqualTo(ALLOW);
        }
        assertThat(limiter.check(SCANNER)).isEqualTo(LIMITED);
        assertThat(limiter.limited()).isEqualTo(1);
    }

    @Test
    void theBucketRefillsAtTheConfiguredRate() {
        drain(SCANNER);
        clock.advance(Duration.ofMillis(49));
        assertThat(limiter.check(SCANNER)).isEqualTo(LIMITED);
        clock.advance(Duration.ofMillis(1)); // 50 ms at 20/s: one token
        assertThat(limiter.check(SCANNER)).isEqualTo(ALLOW);
        assertThat(limiter.check(SCANNER)).isEqualTo(LIMITED);
    }

    @Test
    void aSourceAtTheSustainedRateIsNeverLimited() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(limiter.check(SCANNER)).isEqualTo(ALLOW);
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(limiter.bans()).isZero();
    }

    @Test
    void sustainedExcessBansTheSourceForTheBanDurationThenItStartsAfresh() {
        drain(SCANNER); // ends with the first message over the limit
        for (int i = 0; i < 98; i++) {
            assertThat(limiter.check(SCANNER)).isEqualTo(LIMITED);
        }
        assertThat(limiter.check(SCANNER)).isEqualTo(LIMITED); // the 100th over the limit: banned from now
        assertThat(limiter.bans()).isEqualTo(1);
        assertThat(limiter.isBanned(SCANNER)).isTrue();

        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.check(SCANNER)).isEqualTo(BANNED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.check(SCANNER)).isEqualTo(ALLOW);
        assertThat(limiter.isBanned(SCANNER)).isFalse();
        assertThat(limiter.bannedDrops()).isEqualTo(1);
    }

    @Test
    void aSourceJustAboveTheRateIsBannedOnlyAfterItsExcessAddsUp() {
        // 25 messages/s against 20/s: 5 over per second once the burst is spent; 100 over takes ~20 s more.
        int seconds = 0;
        while (!limiter.isBanned(SCANNER) && seconds < 60) {
            for (int i = 0; i < 25; i++) {
                limiter.check(SCANNER);
                clock.advance(Duration.ofMillis(40));
            }
            seconds++;
        }
        assertThat(seconds).isBetween(20, 40);
    }

    @Test
    void trustedAddressesAreNeverLimitedNorTracked() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.check(TRUNK)).isEqualTo(ALLOW);
        }
        assertThat(limiter.trackedSources()).isZero();
    }

    @Test
    void aFloodFromManyAddressesKeepsTheTableBoundedEvictingTheLeastRecentlySeen() {
        SourceRateLimiter small = new SourceRateLimiter(new FloodLimits(20, 40, 100, Duration.ofSeconds(60), 1_000,
                TrustedAddresses.none()), clock);
        drain(small, SCANNER); // SCANNER is over its limit...
        for (int i = 0; i < 100_000; i++) {
            small.check(address("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)));
        }
        assertThat(small.trackedSources()).isEqualTo(1_000);
        assertThat(small.evictions()).isEqualTo(100_001 - 1_000);
        // ...but was evicted, so it starts again with a full bucket: bounded memory costs that much.
        assertThat(small.check(SCANNER)).isEqualTo(ALLOW);
    }

    @Test
    void retryAfterIsTheTimeToRefillTheBucket() {
        assertThat(FloodLimits.defaults().retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void trustedAddressesAcceptIpsAndCidrBlocksAndRefuseNames() {
        TrustedAddresses trusted = TrustedAddresses.of(List.of("192.0.2.7", "2001:db8::/32", "10.0.0.0/8"));
        assertThat(trusted.contains(address("192.0.2.7"))).isTrue();
        assertThat(trusted.contains(address("192.0.2.8"))).isFalse();
        assertThat(trusted.contains(address("10.200.1.1"))).isTrue();
        assertThat(trusted.contains(address("2001:db8:1::5"))).isTrue();
        assertThat(trusted.contains(address("2001:db9::5"))).isFalse();
        assertThatThrownBy(() -> TrustedAddresses.of(List.of("trunk.example.com")))
                .hasMessageContaining("invalid trusted address: trunk.example.com");
        assertThatThrownBy(() -> TrustedAddresses.of(List.of("10.0.0.0/33")))
                .hasMessageContaining("expected 0-32");
    }

    private void drain(InetAddress source) {
        drain(limiter, source);
    }

    private static void drain(SourceRateLimiter limiter, InetAddress source) {
        while (limiter.check(source) == ALLOW) {
            // spend the burst
        }
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
