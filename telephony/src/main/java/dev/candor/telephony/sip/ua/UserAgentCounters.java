package dev.candor.telephony.sip.ua;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the user agent has seen, for metrics and tests. Updated on the SIP thread, read anywhere. */
public final class UserAgentCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong responses = new AtomicLong();
    final AtomicLong retransmissionsAbsorbed = new AtomicLong();
    final AtomicLong strayAcks = new AtomicLong();
    final AtomicLong strayResponses = new AtomicLong();
    final AtomicLong handlerErrors = new AtomicLong();
    final AtomicInteger activeLegs = new AtomicInteger();
    final AtomicLong callsOverCapacity = new AtomicLong();

    /** New INVITEs answered 503 because the concurrent-call cap was reached. */
    public long callsOverCapacity() {
        return callsOverCapacity.get();
    }

    public long requests() {
        return requests.get();
    }

    public long responses() {
        return responses.get();
    }

    public long retransmissionsAbsorbed() {
        return retransmissionsAbsorbed.get();
    }

    public long strayAcks() {
        return strayAcks.get();
    }

    public long strayResponses() {
        return strayResponses.get();
    }

    /** Messages whose handling threw: each one is a bug. */
    public long handlerErrors() {
        return handlerErrors.get();
    }
}
