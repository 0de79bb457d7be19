package dev.candor.telephony.sip.transaction;

import java.time.Duration;

/**
 * The one scheduler every transaction timer runs on (the SIP thread): no thread per transaction.
 * Tests pass a virtual clock.
 */
@FunctionalInterface
public interface TimerService {

    /**
     * Runs {@code task} on the SIP thread after {@code delay}.
     *
     * @return what cancels it; cancelling twice or after it ran is harmless
     */
    Runnable schedule(Runnable task, Duration delay);
}
