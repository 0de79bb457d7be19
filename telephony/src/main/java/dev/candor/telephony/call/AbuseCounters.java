package dev.candor.telephony.call;

/**
 * A snapshot of what the flood and abuse limits did, for metrics and tests.
 *
 * @param answeredRateLimited requests answered 503 because their source was over the rate limit
 * @param limited messages over the rate limit (answered 503 or dropped)
 * @param bannedDrops messages dropped unread because their source was banned
 * @param bans bans imposed
 * @param trackedSources source addresses remembered now (bounded)
 * @param evictedSources sources forgotten to keep that table bounded
 * @param callsOverCapacity new INVITEs answered 503 because the concurrent-call cap was reached
 */
public record AbuseCounters(long answeredRateLimited, long limited, long bannedDrops, long bans,
                            int trackedSources, long evictedSources, long callsOverCapacity) {
}
