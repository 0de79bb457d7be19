package dev.candor.telephony.rtp.session;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Symmetric RTP (RFC 4961 behaviour, the "latching" that SBCs do): the first source address a
 * valid packet comes from is latched; from then on only that address is accepted, and packets from
 * any other address are dropped and counted. This protects the call against RTP injection and, with
 * replies sent to the latched address, works through NATs that rewrite the caller's port.
 *
 * <p>The caller decides what "valid" means (RTP that decodes with a negotiated payload type) and
 * asks only for such packets. Thread-safe: any thread may ask.
 */
public final class SymmetricLatch {

    /** What to do with one packet. */
    public enum Verdict {
        /** The first valid packet: its source is latched now; accept it. */
        LATCHED,
        /** From the latched source; accept it. */
        ACCEPTED,
        /** From another source; drop it (it was counted). */
        FOREIGN
    }

    private final AtomicReference<InetSocketAddress> latched = new AtomicReference<>();
    private final AtomicLong foreign = new AtomicLong();

    /** Decides on one valid packet from {@code source}. */
    public Verdict check(InetSocketAddress source) {
        Objects.requireNonNull(source, "source");
        InetSocketAddress current = latched.get();
        if (current == null) {
            if (latched.compareAndSet(null, source)) {
                return Verdict.LATCHED;
            }
            current = latched.get();
        }
        if (current.equals(source)) {
            return Verdict.ACCEPTED;
        }
        foreign.incrementAndGet();
        return Verdict.FOREIGN;
    }

    /** The latched source; empty before the first valid packet. */
    public Optional<InetSocketAddress> latched() {
        return Optional.ofNullable(latched.get());
    }

    /** Packets dropped because they came from another source. */
    public long foreignPackets() {
        return foreign.get();
    }
}
