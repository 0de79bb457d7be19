package dev.candor.telephony.sip.ua;

import java.time.Duration;
import java.util.Objects;

/**
 * The UAS core's retransmission of a 2xx to an INVITE (RFC 3261 §13.3.1.4): sends now and again at
 * intervals doubling from T1, capped at T2, until the ACK stops it; gives up after 64 × T1. This is the
 * one retransmission outside the transaction layer ({@code sip.transaction}), because RFC 6026 gives it
 * to the TU. Runs on the SIP thread.
 */
final class Retransmission {
    private final SipScheduler scheduler;
    private final Runnable send;
    private final Duration cap;
    private SipScheduler.Cancellable retransmitTimer;
    private final SipScheduler.Cancellable timeoutTimer;
    private boolean stopped;

    private Retransmission(SipScheduler scheduler, Runnable send, Duration first, Duration cap,
                           Duration timeout, Runnable onTimeout) {
        this.scheduler = scheduler;
        this.send = send;
        this.cap = cap;
        send.run();
        this.retransmitTimer = scheduler.schedule(() -> fire(first), first);
        this.timeoutTimer = scheduler.schedule(() -> {
            if (!stopped) {
                stop();
                onTimeout.run();
            }
        }, timeout);
    }

    /**
     * @param cap the longest interval between retransmissions (T2)
     */
    static Retransmission start(SipScheduler scheduler, Runnable send, Duration t1, Duration cap,
                                Duration timeout, Runnable onTimeout) {
        return new Retransmission(Objects.requireNonNull(scheduler), Objects.requireNonNull(send), t1,
                Objects.requireNonNull(cap, "cap"),
                timeout, Objects.requireNonNull(onTimeout));
    }

    private void fire(Duration interval) {
        if (stopped) {
            return;
        }
        send.run();
        Duration next = interval.multipliedBy(2);
        if (next.compareTo(cap) > 0) {
            next = cap;
        }
        Duration delay = next;
        retransmitTimer = scheduler.schedule(() -> fire(delay), delay);
    }

    /** Stops retransmitting and cancels the timeout. */
    void stop() {
        stopped = true;
        retransmitTimer.cancel();
        timeoutTimer.cancel();
    }

    boolean isStopped() {
        return stopped;
    }
}
