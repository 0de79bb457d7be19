package dev.candor.telephony.sip.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per source address with a temporary ban for sources that stay over the limit.
 * Trusted addresses always pass and are not tracked. At most {@link FloodLimits#maxTrackedSources()}
 * sources are remembered; the least recently seen is evicted first (so a flood from many addresses
 * costs bounded memory; an evicted source starts again with a full bucket).
 *
 * <p>Pure apart from the injected clock; synchronized because UDP and TCP event loops share it.
 */
public final class SourceRateLimiter {
    /** What to do with one message from a source. */
    public enum Decision {
        /** Under the limit: process it. */
        ALLOW,
        /** Over the limit: answer a request 503 with Retry-After, drop anything else. */
        LIMITED,
        /** Banned: drop it unread. */
        BANNED
    }

    private final FloodLimits limits;
    private final InstantSource clock;
    private final Map<InetAddress, Bucket> buckets;
    private long limited;
    private long bannedDrops;
    private long bans;
    private long evictions;

    public SourceRateLimiter(FloodLimits limits, InstantSource clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                if (size() > limits.maxTrackedSources()) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    public FloodLimits limits() {
        return limits;
    }

    public boolean isTrusted(InetAddress source) {
        return limits.trusted().contains(source);
    }

    public synchronized Decision check(InetAddress source) {
        if (limits.trusted().contains(source)) {
            return Decision.ALLOW;
        }
        Instant now = clock.instant();
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(limits.burst(), now);
            buckets.put(source, bucket);
        }
        if (bucket.bannedUntil != null) {
            if (now.isBefore(bucket.bannedUntil)) {
                bannedDrops++;
                return Decision.BANNED;
            }
            bucket.bannedUntil = null;
            bucket.tokens = limits.burst();
            bucket.excess = 0;
            bucket.refilledAt = now;
        }
        refill(bucket, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            if (bucket.tokens >= limits.burst() / 2.0) {
                bucket.excess = 0;
            }
            return Decision.ALLOW;
        }
        bucket.excess++;
        if (bucket.excess >= limits.banAfterExcess() && !limits.banDuration().isZero()) {
            bucket.bannedUntil = now.plus(limits.banDuration());
            bans++;
        }
        limited++;
        return Decision.LIMITED;
    }

    private void refill(Bucket bucket, Instant now) {
        long elapsedNanos = Duration.between(bucket.refilledAt, now).toNanos();
        if (elapsedNanos > 0) {
            bucket.tokens = Math.min(limits.burst(), bucket.tokens + elapsedNanos * limits.requestsPerSecond() / 1e9);
            bucket.refilledAt = now;
        }
    }

    /** Whether {@code source} is banned right now. */
    public synchronized boolean isBanned(InetAddress source) {
        Bucket bucket = buckets.get(source);
        return bucket != null && bucket.bannedUntil != null && clock.instant().isBefore(bucket.bannedUntil);
    }

    public synchronized int trackedSources() {
        return buckets.size();
    }

    /** Messages over the limit (answered 503 or dropped), bans not included. */
    public synchronized long limited() {
        return limited;
    }

    /** Messages dropped unread because their source was banned. */
    public synchronized long bannedDrops() {
        return bannedDrops;
    }

    /** Bans imposed so far. */
    public synchronized long bans() {
        return bans;
    }

    /** Sources forgotten to keep the table within {@link FloodLimits#maxTrackedSources()}. */
    public synchronized long evictions() {
        return evictions;
    }

    private static final class Bucket {
        double tokens;
        Instant refilledAt;
        int excess;
        Instant bannedUntil;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }
}
