package dev.candor.telephony.rtcp;

import dev.candor.telephony.rtp.RtpPacket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The RTCP bookkeeping of one RTP session with one remote source, the shape of a call leg: what we
 * sent (for sender reports), what we received (for report blocks, via {@link ReceptionStatistics}),
 * the last SR the peer sent us (for LSR/DLSR), and the last report the peer made about us (its
 * loss and jitter, and the round-trip time).
 *
 * <p>Time comes from the injected {@link InstantSource}: arrival times, SR NTP timestamps, DLSR.
 * Nothing here sends anything or schedules anything: the RTP adapter calls {@link #onRtpSent},
 * {@link #onRtpReceived} and {@link #onRtcpReceived}, and every report interval (about 5 s, RFC 3550
 * §6.2) asks for {@link #report(String)} and sends the bytes of
 * {@link RtcpPacket#encodeCompound}.
 *
 * <p>Thread-safe: sending, receiving and reporting may happen on different threads.
 */
public final class RtcpStatistics {

    private final long localSsrc;
    private final int clockRateHz;
    private final InstantSource clock;

    private long packetsSent;
    private long octetsSent;
    private long lastRtpTimestampSent;
    private Instant lastSentAt;
    private long packetsSentAtLastReport;
    private long packetsSentAtReportBefore;

    private ReceptionStatistics reception;
    private long lastSrSsrc = -1;
    private long lastSrCompact;
    private Instant lastSrArrival;

    private ReportBlock remoteReport;
    private Duration roundTrip;

    /**
     * @param localSsrc   the SSRC of the stream we send, 0–2<sup>32</sup>-1
     * @param clockRateHz the RTP clock rate of the payloads, 8000 for G.711
     * @param clock       wall-clock time, for NTP timestamps, arrival times and delays
     */
    public RtcpStatistics(long localSsrc, int clockRateHz, InstantSource clock) {
        if (localSsrc < 0 || localSsrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid SSRC: " + localSsrc + " (expected 0–4294967295)");
        }
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("invalid clock rate: " + clockRateHz + " Hz (expected above 0)");
        }
        this.localSsrc = localSsrc;
        this.clockRateHz = clockRateHz;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts one RTP packet we sent: packet count, payload octets, and the timestamp-to-time mapping. */
    public synchronized void onRtpSent(RtpPacket packet) {
        packetsSent = (packetsSent + 1) & 0xFFFF_FFFFL;
        octetsSent = (octetsSent + packet.payloadLength()) & 0xFFFF_FFFFL;
        lastRtpTimestampSent = packet.timestamp();
        lastSentAt = clock.instant();
    }

    /**
     * Counts one RTP packet received now. A packet from a new SSRC starts new reception statistics
     * for that source. Give it every packet of the stream, RFC 4733 events included, since they
     * share the sequence numbers; their repeated timestamps add a little to the jitter estimate,
     * which RFC 3550 accepts.
     */
    public synchronized void onRtpReceived(RtpPacket packet) {
        if (reception == null || reception.ssrc() != packet.ssrc()) {
            reception = new ReceptionStatistics(packet.ssrc(), packet.sequenceNumber(), clockRateHz);
        }
        reception.onPacket(packet.sequenceNumber(), packet.timestamp(), clock.millis());
    }

    /**
     * Takes in a compound packet from the peer: remembers its latest SR (for LSR and DLSR) and the
     * report block it made about our stream, from which it computes the round-trip time
     * (RFC 3550 §6.4.1: arrival − LSR − DLSR).
     */
    public synchronized void onRtcpReceived(List<RtcpPacket> packets) {
        Instant now = clock.instant();
        for (RtcpPacket packet : packets) {
            List<ReportBlock> blocks = List.of();
            if (packet instanceof SenderReport sr) {
                lastSrSsrc = sr.ssrc();
                lastSrCompact = NtpTime.compact(sr.ntpTimestamp());
                lastSrArrival = now;
                blocks = sr.reports();
            } else if (packet instanceof ReceiverReport rr) {
                blocks = rr.reports();
            }
            for (ReportBlock block : blocks) {
                if (block.ssrc() == localSsrc) {
                    remoteReport = block;
                    roundTrip = roundTrip(block, now);
                }
            }
        }
    }

    /**
     * Our report for this interval: an SR if we sent RTP since the report before last (§6.4),
     * otherwise an RR, carrying a report block on the remote source once it has sent valid packets;
     * then an SDES with our CNAME. Closes the interval for the fraction lost.
     */
    public synchronized List<RtcpPacket> report(String cname) {
        Objects.requireNonNull(cname, "cname");
        Instant now = clock.instant();
        List<ReportBlock> blocks = new ArrayList<>(1);
        if (reception != null && reception.valid()) {
            blocks.add(reportBlock(now));
        }
        boolean sentRecently = packetsSent != packetsSentAtReportBefore;
        packetsSentAtReportBefore = packetsSentAtLastReport;
        packetsSentAtLastReport = packetsSent;
        RtcpPacket first = sentRecently
                ? new SenderReport(localSsrc, NtpTime.fromInstant(now), rtpTimestampAt(now), packetsSent,
                        octetsSent, blocks)
                : new ReceiverReport(localSsrc, blocks);
        return List.of(first, SourceDescription.cname(localSsrc, cname));
    }

    /** The last compound report, then a BYE: for the end of the call (§6.6). */
    public synchronized List<RtcpPacket> goodbye(String cname, String reason) {
        List<RtcpPacket> packets = new ArrayList<>(report(cname));
        packets.add(new Goodbye(List.of(localSsrc), reason));
        return packets;
    }

    /** What the peer last reported about our stream: its loss and jitter. */
    public synchronized Optional<ReportBlock> remoteReport() {
        return Optional.ofNullable(remoteReport);
    }

    /** The round-trip time from the peer's last report about us that referred to one of our SRs. */
    public synchronized Optional<Duration> roundTrip() {
        return Optional.ofNullable(roundTrip);
    }

    private ReportBlock reportBlock(Instant now) {
        if (lastSrArrival == null || lastSrSsrc != reception.ssrc()) {
            return reception.reportBlock(0, 0);
        }
        Duration delay = Duration.between(lastSrArrival, now);
        long dlsr = delay.isNegative() ? 0
                : Math.min(0xFFFF_FFFFL, delay.getSeconds() * 65_536 + delay.getNano() * 65_536L / 1_000_000_000L);
        return reception.reportBlock(lastSrCompact, dlsr);
    }

    /** The RTP timestamp that corresponds to {@code now}, extrapolated from the last packet sent. */
    private long rtpTimestampAt(Instant now) {
        Duration elapsed = Duration.between(lastSentAt, now);
        long units = elapsed.getSeconds() * clockRateHz + elapsed.getNano() * (long) clockRateHz / 1_000_000_000L;
        return (lastRtpTimestampSent + units) & 0xFFFF_FFFFL;
    }

    private Duration roundTrip(ReportBlock block, Instant now) {
        if (block.lastSenderReport() == 0) {
            return roundTrip;
        }
        long units = (NtpTime.compact(NtpTime.fromInstant(now)) - block.lastSenderReport()
                - block.delaySinceLastSenderReport()) & 0xFFFF_FFFFL;
        if (units >= 0x8000_0000L) {
            return roundTrip;               // negative: clocks or the peer's numbers are off
        }
        return Duration.ofNanos(units * 1_000_000_000L / 65_536);
    }
}
