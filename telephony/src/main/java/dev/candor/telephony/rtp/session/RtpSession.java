package dev.candor.telephony.rtp.session;

import dev.candor.telephony.media.DtmfReceiver;
import dev.candor.telephony.media.DtmfSender;
import dev.candor.telephony.media.G711;
import dev.candor.telephony.media.IncomingAudio;
import dev.candor.telephony.media.JitterBuffer;
import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.rtcp.ReportBlock;
import dev.candor.telephony.rtcp.RtcpDecodeResult;
import dev.candor.telephony.rtcp.RtcpPacket;
import dev.candor.telephony.rtcp.RtcpStatistics;
import dev.candor.telephony.rtcp.ReceiverReport;
import dev.candor.telephony.rtcp.SenderReport;
import dev.candor.telephony.rtp.RtpDecodeResult;
import dev.candor.telephony.rtp.RtpPacket;
import dev.candor.telephony.rtp.RtpSequencer;
import dev.candor.telephony.rtp.TelephoneEvent;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sip.ua.MediaChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One leg's RTP session, as RFC 3550 describes it, without the network.
 *
 * <p><b>Receiving</b> (the I/O thread, {@link #onRtp}): a datagram that is not RTP, or carries a
 * payload type that was not negotiated, is dropped and counted. The first valid packet latches the
 * session to its source ({@link SymmetricLatch}); packets from any other address are dropped and
 * counted. Accepted packets go into the RTCP reception statistics and the adaptive
 * {@link JitterBuffer}; telephone events also go to the {@link DtmfReceiver}, which reports each
 * key press once. Nothing is decoded here: the I/O thread only sorts packets.
 *
 * <p><b>Each media clock tick</b> ({@link #onTick}): once the first packet has arrived, one 20 ms
 * frame is taken from the jitter buffer, decoded and concealed where a packet is missing
 * ({@link IncomingAudio}), and handed to {@link MediaChannel.MediaEvents#onAudio}, so the caller's
 * audio is a steady 50 frames a second whatever the network did. Then one packet is sent: the next
 * packet of a queued DTMF key press, else the source's frame, else silence. Sequence numbers go up
 * by one per packet and timestamps by 160 per tick, silence included; the marker bit is set on the
 * first packet of the stream and on the first packet of every talkspurt (a frame after silence).
 * Packets go to the latched address once there is one, else to the address of the SDP. Then, when
 * the {@link RtcpInterval} says so, an RTCP report: a sender report while we send, else a receiver
 * report, with a report block on the incoming stream once it is valid.
 *
 * <p><b>RTCP in</b> (the I/O thread, {@link #onRtcp}): compound packets are checked (RFC 3550
 * §A.2) and latched like RTP; the peer's report block about our stream is kept and announced to
 * {@link MediaChannel.MediaEvents#onRemoteReport}.
 *
 * <p>Threads: one I/O thread calls {@link #onRtp} and {@link #onRtcp}, the clock calls
 * {@link #onTick}; {@link #sendDtmf}, {@link #statistics} and {@link #close} may be called from
 * any thread. The {@link Transport} must accept sends from the clock thread and the closing thread.
 */
public final class RtpSession {

    /** Samples per 20 ms frame at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;
    private static final int CLOCK_RATE_HZ = 8000;

    /** Moves datagrams; must not block. */
    public interface Transport {
        /**
         * Sends {@code datagram[0, length)}. The session reuses the array for its next packet as soon as
         * this returns (one packet per call per 20 ms tick, so no garbage per packet): copy what is kept.
         */
        void sendRtp(byte[] datagram, int length, InetSocketAddress to);

        void sendRtcp(byte[] datagram, InetSocketAddress to);
    }

    private final MediaParameters parameters;
    private volatile boolean sending = true;
    private final G711.Law law;
    private final MediaChannel.FrameSource source;
    private final MediaChannel.MediaEvents events;
    private final Transport transport;
    private final RtpSequencer sequencer;
    private final RtcpInterval rtcpInterval;
    private final String cname;
    private final LongSupplier monotonicMillis;
    private final InetSocketAddress sdpRtp;
    private final InetSocketAddress sdpRtcp;
    private final byte[] silence = new byte[FRAME_SAMPLES];
    // Media clock thread only: the voice payload and the outgoing datagram, reused every tick.
    private final byte[] payload = new byte[FRAME_SAMPLES];
    private byte[] datagram = new byte[RtpPacket.FIXED_HEADER_SIZE + FRAME_SAMPLES];

    private final SymmetricLatch rtpLatch = new SymmetricLatch();
    private final SymmetricLatch rtcpLatch = new SymmetricLatch();
    private final JitterBuffer jitterBuffer = JitterBuffer.forG711();
    private final IncomingAudio incoming = new IncomingAudio(jitterBuffer);
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
    private final RtcpStatistics rtcp;
    private final AtomicLong rejected = new AtomicLong();
    private final Queue<List<DtmfSender.Packet>> dtmfQueue = new ConcurrentLinkedQueue<>();
    private volatile boolean receiving;
    private volatile boolean closed;

    // Media clock thread only.
    private boolean first = true;
    private boolean talking;
    private List<DtmfSender.Packet> dtmfTrain;
    private int dtmfNext;
    private long nextReportAtMillis;

    /**
     * @param sequencer       the outgoing stream's SSRC, sequence numbers and timestamps (random per call)
     * @param cname           our RTCP canonical name (RFC 3550 §6.5.1)
     * @param monotonicMillis a monotonic millisecond clock, for the jitter buffer and the RTCP schedule
     * @param wallClock       wall-clock time, for RTCP NTP timestamps and round trips
     */
    public RtpSession(MediaParameters parameters, MediaChannel.FrameSource source, MediaChannel.MediaEvents events,
                      Transport transport, RtpSequencer sequencer, RtcpInterval rtcpInterval, String cname,
                      LongSupplier monotonicMillis, InstantSource wallClock) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.source = Objects.requireNonNull(source, "source");
        this.events = Objects.requireNonNull(events, "events");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.sequencer = Objects.requireNonNull(sequencer, "sequencer");
        this.rtcpInterval = Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        this.cname = Objects.requireNonNull(cname, "cname");
        this.monotonicMillis = Objects.requireNonNull(monotonicMillis, "monotonicMillis");
        this.rtcp = new RtcpStatistics(sequencer.ssrc(), CLOCK_RATE_HZ, Objects.requireNonNull(wallClock, "wallClock"));
        this.law = parameters.codec() == AudioCodec.PCMA ? G711.Law.A_LAW : G711.Law.MU_LAW;
        Arrays.fill(silence, law.silence());
        this.sdpRtp = sdpAddress(parameters.remoteAddress(), parameters.remotePort());
        this.sdpRtcp = sdpAddress(parameters.remoteAddress(), parameters.remotePort() + 1);
        this.nextReportAtMillis = monotonicMillis.getAsLong() + rtcpInterval.nextMillis();
    }

    // ---- I/O thread ----

    /** One datagram that arrived on the RTP port from {@code sender}. */
    public void onRtp(byte[] datagram, InetSocketAddress sender) {
        if (closed) {
            return;
        }
        if (RtpPacket.looksLikeRtcp(datagram, 0, datagram.length)) {
            rejected.incrementAndGet();
            return;
        }
        if (!(RtpPacket.decode(datagram, 0, datagram.length) instanceof RtpDecodeResult.Ok ok)) {
            rejected.incrementAndGet();
            return;
        }
        RtpPacket packet = ok.packet();
        boolean telephoneEvent = parameters.hasTelephoneEvents()
                && packet.payloadType() == parameters.telephoneEventPayloadType();
        if (!telephoneEvent && packet.payloadType() != parameters.codecPayloadType()) {
            rejected.incrementAndGet();
            return;
        }
        if (rtpLatch.check(sender) == SymmetricLatch.Verdict.FOREIGN) {
            return;
        }
        long now = monotonicMillis.getAsLong();
        rtcp.onRtpReceived(packet);
        jitterBuffer.put(packet, now);
        receiving = true;
        if (telephoneEvent) {
            byte[] payload = packet.payload();
            TelephoneEvent.decode(payload, 0, payload.length)
                    .flatMap(event -> dtmfReceiver.onPacket(packet.timestamp(), event))
                    .ifPresent(events::onDtmf);
        }
    }

    /** One datagram that arrived on the RTCP port from {@code sender}. */
    public void onRtcp(byte[] datagram, InetSocketAddress sender) {
        if (closed) {
            return;
        }
        if (!(RtcpPacket.decodeCompound(datagram, 0, datagram.length) instanceof RtcpDecodeResult.Ok ok)) {
            rejected.incrementAndGet();
            return;
        }
        if (rtcpLatch.check(sender) == SymmetricLatch.Verdict.FOREIGN) {
            return;
        }
        rtcp.onRtcpReceived(ok.packets());
        if (reportsOnUs(ok.packets())) {
            events.onRemoteReport(statistics());
        }
    }

    // ---- media clock thread ----

    /** One media clock tick: deliver one incoming frame, send one packet, and maybe an RTCP report. */
    public void onTick() {
        if (closed) {
            return;
        }
        long now = monotonicMillis.getAsLong();
        if (receiving) {
            events.onAudio(incoming.nextFrame(now));
        }
        send(nextPacket());
        if (now >= nextReportAtMillis) {
            sendRtcp(RtcpPacket.encodeCompound(rtcp.report(cname)));
            nextReportAtMillis = now + rtcpInterval.nextMillis();
        }
    }

    private RtpPacket nextPacket() {
        if (dtmfTrain == null) {
            dtmfTrain = dtmfQueue.poll();
            dtmfNext = 0;
        }
        if (dtmfTrain != null) {
            DtmfSender.Packet p = dtmfTrain.get(dtmfNext++);
            RtpPacket packet = sequencer.nextKeepingTimestamp(parameters.telephoneEventPayloadType(), p.marker(),
                    p.event().toBytes());
            if (dtmfNext == dtmfTrain.size()) {
                sequencer.advance(dtmfTrain.size() * FRAME_SAMPLES);
                dtmfTrain = null;
                talking = false;        // the next voice frame starts a talkspurt
            }
            return packet;
        }
        short[] frame = source.nextFrame();
        boolean marker = first || (frame != null && !talking);
        talking = frame != null;
        first = false;
        byte[] encoded;
        if (frame == null) {
            encoded = silence;
        } else if (frame.length == payload.length) {
            law.encode(frame, payload, 0);      // RtpPacket keeps its own copy
            encoded = payload;
        } else {
            encoded = law.encode(frame);
        }
        return sequencer.next(parameters.codecPayloadType(), marker, encoded, FRAME_SAMPLES);
    }

    /** Whether Candor sends RTP (false while the peer holds the call: sendonly or inactive offers). */
    public void setSending(boolean sending) {
        this.sending = sending;
    }

    private void send(RtpPacket packet) {
        InetSocketAddress to = rtpLatch.latched().orElse(sdpRtp);
        if (to == null || !sending) {
            return;                     // on hold (0.0.0.0) and nothing received yet: the numbers still move on
        }
        rtcp.onRtpSent(packet);
        int size = packet.marshalSize();
        if (size > datagram.length) {
            datagram = new byte[size];
        }
        transport.sendRtp(datagram, packet.marshalTo(datagram, 0), to);
    }

    private void sendRtcp(byte[] compound) {
        InetSocketAddress to = rtcpDestination();
        if (to != null) {
            transport.sendRtcp(compound, to);
        }
    }

    /** The latched RTCP source; else port + 1 of the latched RTP source; else port + 1 of the SDP's. */
    private InetSocketAddress rtcpDestination() {
        Optional<InetSocketAddress> latched = rtcpLatch.latched();
        if (latched.isPresent()) {
            return latched.get();
        }
        Optional<InetSocketAddress> rtpSource = rtpLatch.latched();
        if (rtpSource.isPresent() && rtpSource.get().getPort() < 65535) {
            return new InetSocketAddress(rtpSource.get().getAddress(), rtpSource.get().getPort() + 1);
        }
        return sdpRtcp;
    }

    // ---- any thread ----

    /**
     * Queues one RFC 4733 key press; it is sent from the next tick on (one packet per tick, then the
     * end packet three times), after any press queued before.
     *
     * @return false if telephone events were not negotiated, so nothing will be sent
     * @throws IllegalArgumentException for a digit other than 0-9, *, #, A-D or a duration out of range
     */
    public boolean sendDtmf(char digit, int durationMillis) {
        List<DtmfSender.Packet> train = DtmfSender.packetsFor(digit, durationMillis);
        if (!parameters.hasTelephoneEvents() || closed) {
            return false;
        }
        dtmfQueue.add(train);
        return true;
    }

    /** A snapshot of what was sent, received and reported. */
    public MediaStatistics statistics() {
        Optional<RtcpStatistics.Reception> reception = rtcp.reception();
        MediaStatistics.Reception ours = new MediaStatistics.Reception(
                reception.map(RtcpStatistics.Reception::received).orElse(0L),
                reception.map(RtcpStatistics.Reception::expected).orElse(0L),
                reception.map(RtcpStatistics.Reception::cumulativeLost).orElse(0L),
                reception.map(r -> millis(r.jitter())).orElse(0.0),
                jitterBuffer.statistics(), rejected.get(),
                rtpLatch.foreignPackets() + rtcpLatch.foreignPackets(), rtpLatch.latched());
        Optional<MediaStatistics.RemoteReport> remote = rtcp.remoteReport().map(block ->
                new MediaStatistics.RemoteReport(block.fractionLost() / 256.0, block.cumulativeLost(),
                        millis(block.jitter()), block.extendedHighestSequence()));
        return new MediaStatistics(rtcp.packetsSent(), rtcp.octetsSent(), ours, remote, rtcp.roundTrip());
    }

    /** The SSRC of the stream we send. */
    public long ssrc() {
        return sequencer.ssrc();
    }

    /** Stops the session and sends a last report with a BYE (RFC 3550 §6.6). Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sendRtcp(RtcpPacket.encodeCompound(rtcp.goodbye(cname, "call ended")));
    }

    private boolean reportsOnUs(List<RtcpPacket> packets) {
        for (RtcpPacket packet : packets) {
            List<ReportBlock> blocks = packet instanceof SenderReport sr ? sr.reports()
                    : packet instanceof ReceiverReport rr ? rr.reports() : List.of();
            for (ReportBlock block : blocks) {
                if (block.ssrc() == sequencer.ssrc()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double millis(long timestampUnits) {
        return timestampUnits * 1000.0 / CLOCK_RATE_HZ;
    }

    /** The SDP's address, or null for the old-style hold address 0.0.0.0 or a port of 0. */
    private static InetSocketAddress sdpAddress(String host, int port) {
        if (port <= 0 || port > 65535) {
            return null;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        InetAddress resolved = address.getAddress();
        if (resolved == null || resolved.isAnyLocalAddress()) {
            return null;
        }
        return address;
    }
}
