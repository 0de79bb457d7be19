package dev.candor.app.storage;

import java.util.Optional;

/**
 * The audio quality of a call: what the caller's side last reported by RTCP about Candor's audio (loss
 * as a fraction 0-1, packets lost in all, jitter) and how many reports came, and what Candor measured
 * of the caller's audio.
 */
public record MediaQuality(Optional<Double> remoteFractionLost, Optional<Long> remoteCumulativeLost,
                           Optional<Double> remoteJitterMillis, long remoteReports, Optional<Long> receivedPackets,
                           Optional<Long> receivedLost, Optional<Double> receivedJitterMillis) {
}
