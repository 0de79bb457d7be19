package dev.candor.telephony.sip.ua;

import java.time.Duration;
import java.util.concurrent.Executor;

/** The SIP thread: runs tasks and timers one at a time, in order. */
public interface SipScheduler extends Executor {

    /** Runs {@code task} on the SIP thread after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
    interface Cancellable {
        void cancel();
    }
}
