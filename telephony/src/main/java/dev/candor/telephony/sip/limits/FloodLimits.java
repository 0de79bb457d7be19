package dev.candor.telephony.sip.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one source address may send.
 *
 * @param requestsPerSecond sustained rate of messages allowed per source address
 * @param burst how many messages a quiet source may send at once (the bucket's size)
 * @param banAfterExcess messages over the limit, without the bucket recovering to half, after which
 *     the source is banned
 * @param banDuration how long a banned source is ignored (its datagrams dropped unread)
 * @param maxTrackedSources sources remembered at once; the least recently seen is forgotten first, so
 *     memory stays bounded under a flood from many addresses
 * @param trusted addresses never limited (trunks)
 */
public record FloodLimits(double requestsPerSecond, int burst, int banAfterExcess, Duration banDuration,
                          int maxTrackedSources, TrustedAddresses trusted) {
    public FloodLimits {
        Objects.requireNonNull(banDuration, "banDuration");
        Objects.requireNonNull(trusted, "trusted");
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("invalid requestsPerSecond: " + requestsPerSecond + " (expected > 0)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("invalid burst: " + burst + " (expected >= 1)");
        }
        if (banAfterExcess < 1) {
            throw new IllegalArgumentException("invalid banAfterExcess: " + banAfterExcess + " (expected >= 1)");
        }
        if (banDuration.isNegative()) {
            throw new IllegalArgumentException("invalid banDuration: " + banDuration + " (expected >= 0)");
        }
        if (maxTrackedSources < 1) {
            throw new IllegalArgumentException("invalid maxTrackedSources: " + maxTrackedSources + " (expected >= 1)");
        }
    }

    /** 20 messages/s, burst 40, ban for 60 s after 100 messages over the limit, 10,000 sources tracked. */
    public static FloodLimits defaults() {
        return new FloodLimits(20, 40, 100, Duration.ofSeconds(60), 10_000, TrustedAddresses.none());
    }

    public FloodLimits withTrusted(TrustedAddresses addresses) {
        return new FloodLimits(requestsPerSecond, burst, banAfterExcess, banDuration, maxTrackedSources, addresses);
    }

    /** Seconds for an empty bucket to fill again: what a 503's Retry-After asks a limited source to wait. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(burst / requestsPerSecond));
    }
}
