package dev.candor.speech.vad;

import java.util.Objects;

/**
 * Settings of an {@link EndpointDetector}.
 *
 * @param trailingSilenceMillis silence after the last sound that ends the caller's turn; pauses
 *     shorter than this stay inside one turn
 * @param vad the voice activity detector underneath
 */
public record EndpointConfig(int trailingSilenceMillis, VadConfig vad) {

    /** Default end-of-turn silence: within the 500-700 ms that keeps turn-taking natural. */
    public static final int DEFAULT_TRAILING_SILENCE_MILLIS = 600;

    public EndpointConfig {
        Objects.requireNonNull(vad, "vad");
        if (trailingSilenceMillis < 100 || trailingSilenceMillis > 10_000) {
            throw new IllegalArgumentException("invalid trailing silence: " + trailingSilenceMillis
                    + " ms (expected 100-10000)");
        }
        if (trailingSilenceMillis < vad.hangoverMillis()) {
            throw new IllegalArgumentException("invalid trailing silence: " + trailingSilenceMillis
                    + " ms (expected at least the VAD hangover, " + vad.hangoverMillis() + " ms)");
        }
    }

    /** 600 ms of trailing silence over {@link VadConfig#defaults()}. */
    public static EndpointConfig defaults() {
        return new EndpointConfig(DEFAULT_TRAILING_SILENCE_MILLIS, VadConfig.defaults());
    }

    public EndpointConfig withTrailingSilenceMillis(int trailingSilenceMillis) {
        return new EndpointConfig(trailingSilenceMillis, vad);
    }
}
