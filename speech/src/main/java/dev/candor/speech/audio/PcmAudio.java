package dev.candor.speech.audio;

import java.util.Objects;

/**
 * Mono signed 16-bit PCM and its rate, as read from a file.
 *
 * @param sampleRateHz samples per second, e.g. 8000
 * @param samples the audio; callers must not modify it
 */
public record PcmAudio(int sampleRateHz, short[] samples) {

    public PcmAudio {
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException(
                    "invalid sample rate: " + sampleRateHz + " Hz (expected > 0)");
        }
        Objects.requireNonNull(samples, "samples");
    }

    /** Length in milliseconds, rounded down. */
    public long durationMillis() {
        return samples.length * 1000L / sampleRateHz;
    }
}
