package dev.candor.telephony.media;

import dev.candor.telephony.rtp.TelephoneEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the RFC 4733 packets of one incoming stream into DTMF digits, each exactly once.
 *
 * <p>All packets of one event share its RTP timestamp (RFC 4733 §2.5.1.2): the updates of a long
 * press only grow the duration, and the end packet is retransmitted, usually three times. So an
 * event is identified by (timestamp, event code), and a digit is reported on the first packet of
 * an event not seen before, whether that is a start, an update or an end packet (the first packets
 * may have been lost). Two presses of the same key are two events because their timestamps differ.
 * A packet whose timestamp lies up to {@value #LATE_WINDOW_SAMPLES} units (10 s at 8 kHz) before
 * the current event's, modulo 2<sup>32</sup>, is a late retransmission of an earlier event and is
 * ignored; a larger jump back is taken as a new timestamp base (a re-INVITE, a new SSRC).
 *
 * <p>Not thread-safe: one instance per incoming stream, fed by the thread that receives it.
 */
public final class DtmfReceiver {

    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;
    /** How far back a timestamp may lie and still count as a late packet of an old event. */
    public static final long LATE_WINDOW_SAMPLES = 80_000;

    private boolean seenAny;
    private long currentTimestamp;
    private int currentEvent;

    /**
     * Feeds one telephone-event packet.
     *
     * @param rtpTimestamp the packet's RTP timestamp, 0–2<sup>32</sup>-1
     * @return the digit if this packet starts a new event that is a DTMF key; empty for packets of
     *     an event already reported, late packets and non-DTMF events
     */
    public Optional<Character> onPacket(long rtpTimestamp, TelephoneEvent event) {
        Objects.requireNonNull(event, "event");
        if (rtpTimestamp < 0 || rtpTimestamp > TIMESTAMP_MASK) {
            throw new IllegalArgumentException(
                    "invalid RTP timestamp: " + rtpTimestamp + " (expected 0–" + TIMESTAMP_MASK + ")");
        }
        if (seenAny) {
            if (rtpTimestamp == currentTimestamp && event.event() == currentEvent) {
                return Optional.empty();
            }
            if (isBefore(rtpTimestamp, currentTimestamp)) {
                return Optional.empty();
            }
        }
        seenAny = true;
        currentTimestamp = rtpTimestamp;
        currentEvent = event.event();
        return event.digit();
    }

    /** Whether {@code a} comes shortly before {@code b}, modulo 2<sup>32</sup>. */
    private static boolean isBefore(long a, long b) {
        long forward = (b - a) & TIMESTAMP_MASK;
        return forward != 0 && forward <= LATE_WINDOW_SAMPLES;
    }
}
