package dev.candor.telephony.sip.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Virtual time for the limiter: moves only when the test says so. */
final class MutableClock implements InstantSource {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
