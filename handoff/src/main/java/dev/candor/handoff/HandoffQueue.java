package dev.candor.handoff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Callers waiting for a person, first come first served. Only the caller at the head of the line may
 * take an agent who becomes free, so nobody is overtaken. Thread-safe.
 */
public final class HandoffQueue {
    private final List<Ticket> waiting = new ArrayList<>();

    /** One caller's place in line. */
    public final class Ticket {
        private final String callId;
        private final Instant enqueuedAt;

        private Ticket(String callId, Instant enqueuedAt) {
            this.callId = callId;
            this.enqueuedAt = enqueuedAt;
        }

        public String callId() {
            return callId;
        }

        public Instant enqueuedAt() {
            return enqueuedAt;
        }

        /** 1 for the head of the line; empty once the ticket has left the line. */
        public OptionalInt position() {
            synchronized (HandoffQueue.this) {
                int i = waiting.indexOf(this);
                return i < 0 ? OptionalInt.empty() : OptionalInt.of(i + 1);
            }
        }

        /** Leaves the line if this ticket is at its head; true when it did (the caller gets the agent). */
        public boolean takeTurn() {
            synchronized (HandoffQueue.this) {
                if (!waiting.isEmpty() && waiting.get(0) == this) {
                    waiting.remove(0);
                    return true;
                }
                return false;
            }
        }

        /** Leaves the line (hung up, timed out). Harmless when already gone. */
        public void leave() {
            synchronized (HandoffQueue.this) {
                waiting.remove(this);
            }
        }
    }

    public synchronized Ticket join(String callId, Instant at) {
        Ticket ticket = new Ticket(Objects.requireNonNull(callId, "callId"), Objects.requireNonNull(at, "at"));
        waiting.add(ticket);
        return ticket;
    }

    public synchronized int size() {
        return waiting.size();
    }
}
