package dev.candor.telephony.media;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one call leg's RTP session: what we sent, what we received, and what the peer last
 * reported about our stream in its RTCP sender or receiver report (RFC 3550 §6.4).
 *
 * @param packetsSent RTP packets sent (audio, silence and telephone events)
 * @param octetsSent  RTP payload octets sent
 * @param reception   our side of the incoming stream
 * @param remote      the peer's last report block about our stream; empty until one arrived
 * @param roundTrip   the round-trip time from the peer's last report that referred to one of our
 *                    sender reports (§6.4.1); empty until then
 */
public record MediaStatistics(long packetsSent, long octetsSent, Reception reception,
                              Optional<RemoteReport> remote, Optional<Duration> roundTrip) {

    /** The statistics of a leg with no RTP session (yet). */
    public static final MediaStatistics NONE = new MediaStatistics(0, 0, Reception.NONE, Optional.empty(),
            Optional.empty());

    public MediaStatistics {
        Objects.requireNonNull(reception, "reception");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }

    /**
     * The incoming stream as we see it.
     *
     * @param packetsReceived      valid RTP packets from the latched source (RFC 3550 §A.1 counting:
     *                             after probation, duplicates included)
     * @param packetsExpected      packets the sequence numbers say were sent
     * @param cumulativeLost       {@code packetsExpected - packetsReceived}, as in our report blocks
     * @param jitterMillis         the RFC 3550 interarrival jitter estimate, in milliseconds
     * @param jitterBuffer         the jitter buffer's counters and delays
     * @param rejectedPackets      datagrams that were not RTP or carried a payload type that was not
     *                             negotiated; dropped
     * @param foreignSourcePackets valid RTP or RTCP from an address other than the latched one
     *                             (RTP injection); dropped
     * @param latchedSource        the address the session latched to on the first valid RTP packet
     */
    public record Reception(long packetsReceived, long packetsExpected, long cumulativeLost,
                            double jitterMillis, JitterBufferStatistics jitterBuffer, long rejectedPackets,
                            long foreignSourcePackets, Optional<InetSocketAddress> latchedSource) {

        /** Nothing received. */
        public static final Reception NONE = new Reception(0, 0, 0, 0,
                new JitterBufferStatistics(0, 0, 0, 0, 0, 0, 0, 0, JitterBuffer.MIN_DELAY_MILLIS, 0), 0, 0,
                Optional.empty());

        public Reception {
            Objects.requireNonNull(jitterBuffer, "jitterBuffer");
            Objects.requireNonNull(latchedSource, "latchedSource");
        }
    }

    /**
     * What the peer reported about the stream we send (one RTCP report block, RFC 3550 §6.4.1).
     *
     * @param fractionLost    packets lost in the peer's last report interval, 0 to 1
     *                        (the 8-bit field divided by 256)
     * @param cumulativeLost  packets lost since the peer began receiving (may be negative with duplicates)
     * @param jitterMillis    the peer's interarrival jitter estimate, in milliseconds
     * @param extendedHighestSequence the highest sequence number the peer received, with its cycles
     */
    public record RemoteReport(double fractionLost, int cumulativeLost, double jitterMillis,
                               long extendedHighestSequence) {
    }
}
