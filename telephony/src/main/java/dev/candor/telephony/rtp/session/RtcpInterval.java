package dev.candor.telephony.rtp.session;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to send the next RTCP report (RFC 3550 §6.3.1, §6.2). A call is a session of two members
 * at 64 kbit/s, where the bandwidth-based interval is far below the 5 s minimum, so the
 * deterministic interval Td is the minimum; the first report uses half of it (§6.2, "the initial
 * ... interval"). Each actual interval is Td times a random factor in [0.5, 1.5), divided by
 * e − 3/2 to compensate for the timer reconsideration algorithm (§6.3.1), so reports from many
 * calls do not synchronise.
 *
 * <p>Not thread-safe: one per session, used by the media clock.
 */
public final class RtcpInterval {

    /** The RFC 3550 minimum interval, the default. */
    public static final Duration DEFAULT_MINIMUM = Duration.ofSeconds(5);
    /** e − 3/2 (§6.3.1). */
    static final double COMPENSATION = Math.E - 1.5;

    private final long minimumMillis;
    private final RandomGenerator random;
    private boolean first = true;

    /**
     * @param minimum Td, 5 s in RFC 3550; shorter only in tests
     */
    public RtcpInterval(Duration minimum, RandomGenerator random) {
        Objects.requireNonNull(minimum, "minimum");
        if (minimum.isNegative() || minimum.isZero()) {
            throw new IllegalArgumentException("invalid RTCP interval: " + minimum + " (expected above 0)");
        }
        this.minimumMillis = minimum.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Milliseconds from now to the next report: the first call gives the initial interval. */
    public long nextMillis() {
        double td = first ? minimumMillis / 2.0 : minimumMillis;
        first = false;
        double factor = 0.5 + random.nextDouble();
        return Math.max(1, Math.round(td * factor / COMPENSATION));
    }
}
