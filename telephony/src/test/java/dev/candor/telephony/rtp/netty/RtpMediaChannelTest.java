package dev.candor.telephony.rtp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.candor.telephony.media.G711;
import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.media.Registration;
import dev.candor.telephony.rtcp.Goodbye;
import dev.candor.telephony.rtcp.ReceiverReport;
import dev.candor.telephony.rtcp.ReportBlock;
import dev.candor.telephony.rtcp.RtcpPacket;
import dev.candor.telephony.rtcp.SenderReport;
import dev.candor.telephony.rtcp.SourceDescription;
import dev.candor.telephony.rtp.RtpPacket;
import dev.candor.telephony.rtp.TelephoneEvent;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.Direction;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sip.ua.MediaChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live RTP path on real UDP sockets: a {@link NettyMediaFactory} channel, the real
 * {@link MediaClock}, and a scripted far end ({@link RtpPeer}) that sends from a clock listener, one
 * tick after another, so nothing is paced by sleeping. Assertions wait with Awaitility.
 */
class RtpMediaChannelTest {
    private static final String CLOCK_THREAD = "test-media-clock";
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long PEER_SSRC = 0x1234_5678L;

    private final int portMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(9_000);
    private EventLoopGroup group;
    private MediaClock clock;
    private NettyMediaFactory factory;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Recorder events = new Recorder();

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        clock = new MediaClock(CLOCK_THREAD);
        factory = new NettyMediaFactory(group, "127.0.0.1", portMin, portMin + 40, clock,
                Duration.ofMillis(200), new SplittableRandom());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        clock.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- 1. incoming audio through the jitter buffer ----

    @Test
    void reorderedDuplicatedAndLostPacketsComeOutInOrderOneFramePerTickOnTheClockThread() throws Exception {
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        channel.start(pcmu(peer.rtpPort()), () -> null, events);
        int port = channel.localPort();
        // One list per tick: 5 and 6 arrive swapped, 10 twice, 11 again late, 15 never.
        List<List<Integer>> script = new ArrayList<>();
        for (int id = 0; id < 30; id++) {
            script.add(List.of(id));
        }
        script.set(5, List.of(6, 5));
        script.set(6, List.of());
        script.set(10, List.of(10, 10));
        script.set(12, List.of(12, 11));
        script.set(15, List.of());
        int sent = script.stream().mapToInt(List::size).sum();
        playScript(peer.rtp, port, script);

        await().atMost(WAIT).until(() -> channel.statistics().reception().jitterBuffer().received() == sent
                && events.frames.size() >= 35);

        List<Integer> heard = new ArrayList<>();
        for (short[] frame : events.frames) {
            int id = FrameIds.idOf(frame);
            if (id >= 0) {
                heard.add(id);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int id = 0; id < 30; id++) {
            if (id != 15) {
                expected.add(id);
            }
        }
        assertThat(heard).as("frames identified by their content, in playout order").isEqualTo(expected);
        assertThat(events.frames).allSatisfy(frame -> assertThat(frame).hasSize(160));
        assertThat(events.audioThreads).containsOnly(CLOCK_THREAD);
        MediaStatistics.Reception reception = channel.statistics().reception();
        assertThat(reception.jitterBuffer().duplicates()).isEqualTo(2);
        assertThat(reception.jitterBuffer().lost()).isGreaterThanOrEqualTo(1);
        assertThat(reception.cumulativeLost()).as("RFC 3550 count: one lost, two duplicates").isEqualTo(-1);
    }

    @Test
    void oneFrameIsDeliveredEveryTickAfterTheStreamStopsSoTheCallerIsNeverSilentlyDropped() throws Exception {
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        channel.start(pcmu(peer.rtpPort()), () -> null, events);
        playScript(peer.rtp, channel.localPort(), List.of(List.of(0), List.of(1), List.of(2)));

        await().atMost(WAIT).until(() -> events.frames.size() >= 20);

        assertThat(events.frames.subList(10, 20)).as("concealment faded to silence")
                .allSatisfy(frame -> assertThat(frame).containsOnly((short) 0));
    }

    // ---- 2. symmetric RTP ----

    @Test
    void latchesToTheFirstValidSourceAndDropsRtpFromAnyOtherAddress() throws Exception {
        DatagramSocket caller = closing(RtpPeer.single());
        DatagramSocket attacker = closing(RtpPeer.single());
        DatagramSocket sdpAddress = closing(RtpPeer.single());
        MediaChannel channel = open();
        channel.start(pcmu(sdpAddress.getLocalPort()), () -> null, events);
        int port = channel.localPort();

        assertThat(RtpPeer.receiveRtp(sdpAddress).payloadType()).as("before latching: the SDP's address")
                .isEqualTo(PCMU);
        RtpPeer.send(attacker, RtpPacket.of(18, false, 1, 160, 0xBADL, new byte[10]).toBytes(), port);
        await().atMost(WAIT).until(() -> channel.statistics().reception().rejectedPackets() == 1);
        assertThat(channel.statistics().reception().latchedSource()).as("a payload type not negotiated")
                .isEmpty();

        RtpPeer.send(caller, frame(PEER_SSRC, 0), port);
        await().atMost(WAIT).until(() -> channel.statistics().reception().latchedSource().isPresent());
        assertThat(channel.statistics().reception().latchedSource())
                .contains((InetSocketAddress) caller.getLocalSocketAddress());
        for (int i = 1; i <= 5; i++) {
            RtpPeer.send(attacker, frame(0xBADL, i), port);
        }
        RtpPeer.send(caller, frame(PEER_SSRC, 1), port);
        await().atMost(WAIT).until(() -> channel.statistics().reception().foreignSourcePackets() == 5
                && channel.statistics().reception().jitterBuffer().received() == 2);

        RtpPacket toCaller = RtpPeer.receiveRtp(caller);
        assertThat(toCaller.payloadType()).as("after latching: the caller's address").isEqualTo(PCMU);
        assertThat(channel.statistics().reception().jitterBuffer().restarts()).as("no SSRC change seen").isZero();
        attacker.setSoTimeout(300);
        assertThatThrownBy(() -> RtpPeer.receiveRtp(attacker)).isInstanceOf(SocketTimeoutException.class);
    }

    // ---- 3. outgoing stream ----

    @Test
    void markerOnTheFirstPacketOfEachTalkspurtAndContinuousNumbersAcrossSilence() throws Exception {
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        short[] voice = new short[160];
        Arrays.fill(voice, (short) 4000);
        boolean[] talk = {false, false, true, true, true, false, false, true, true, false, false, false};
        AtomicInteger tick = new AtomicInteger();
        channel.start(pcmu(peer.rtpPort()), () -> {
            int i = tick.getAndIncrement();
            return i < talk.length && talk[i] ? voice : null;
        }, events);

        List<RtpPacket> packets = new ArrayList<>();
        for (int i = 0; i < talk.length; i++) {
            packets.add(RtpPeer.receiveRtp(peer.rtp));
        }

        boolean[] expectedMarkers = {true, false, true, false, false, false, false, true, false, false, false, false};
        for (int i = 0; i < packets.size(); i++) {
            RtpPacket p = packets.get(i);
            assertThat(p.marker()).as("marker of packet %d", i).isEqualTo(expectedMarkers[i]);
            assertThat(p.ssrc()).isEqualTo(packets.get(0).ssrc());
            assertThat(p.payloadType()).isEqualTo(PCMU);
            if (i > 0) {
                assertThat(p.sequenceNumber()).isEqualTo((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
                assertThat(p.timestamp()).isEqualTo((packets.get(i - 1).timestamp() + 160) & 0xFFFF_FFFFL);
            }
            byte expectedByte = talk[i] ? G711.Law.MU_LAW.encode(voice)[0] : G711.Law.MU_LAW.silence();
            assertThat(p.payload()).hasSize(160).containsOnly(expectedByte);
        }
    }

    @Test
    void everyCallHasItsOwnRandomSsrc() throws Exception {
        DatagramSocket a = closing(RtpPeer.single());
        DatagramSocket b = closing(RtpPeer.single());
        open().start(pcmu(a.getLocalPort()), () -> null, events);
        open().start(pcmu(b.getLocalPort()), () -> null, new Recorder());

        assertThat(RtpPeer.receiveRtp(a).ssrc()).isNotEqualTo(RtpPeer.receiveRtp(b).ssrc());
    }

    @Test
    void dtmfIsSentAsOneEventWithThreeEndPacketsAndAudioResumesAtTheTimeItTook() throws Exception {
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        channel.start(pcmu(peer.rtpPort()), () -> null, events);
        RtpPacket before = RtpPeer.receiveRtp(peer.rtp);

        assertThat(channel.sendDtmf('7', 60)).isTrue();

        RtpPacket next = RtpPeer.receiveRtp(peer.rtp);
        for (int i = 0; next.payloadType() == PCMU; i++) {
            assertThat(i).as("the train starts within a few ticks").isLessThan(50);
            before = next;
            next = RtpPeer.receiveRtp(peer.rtp);
        }
        List<RtpPacket> train = new ArrayList<>(List.of(next));
        for (int i = 0; i < 4; i++) {
            train.add(RtpPeer.receiveRtp(peer.rtp));
        }
        assertTrain(before, train, RtpPeer.receiveRtp(peer.rtp));
    }

    private static void assertTrain(RtpPacket before, List<RtpPacket> train, RtpPacket after) {
        long start = (before.timestamp() + 160) & 0xFFFF_FFFFL;
        List<TelephoneEvent> events = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            RtpPacket p = train.get(i);
            assertThat(p.payloadType()).isEqualTo(TELEPHONE_EVENT);
            assertThat(p.timestamp()).as("RFC 4733 §2.5.1.2: every packet carries the event's start")
                    .isEqualTo(start);
            assertThat(p.sequenceNumber()).isEqualTo((before.sequenceNumber() + 1 + i) & 0xFFFF);
            assertThat(p.marker()).isEqualTo(i == 0);
            events.add(TelephoneEvent.decode(p.payload(), 0, p.payload().length).orElseThrow());
        }
        assertThat(events).extracting(TelephoneEvent::event).containsOnly(7);
        assertThat(events).extracting(TelephoneEvent::duration).containsExactly(160, 320, 480, 480, 480);
        assertThat(events).extracting(TelephoneEvent::end).containsExactly(false, false, true, true, true);
        assertThat(after.payloadType()).isEqualTo(PCMU);
        assertThat(after.sequenceNumber()).isEqualTo((before.sequenceNumber() + 6) & 0xFFFF);
        assertThat(after.timestamp()).as("audio resumes where wall time is: five ticks later")
                .isEqualTo((start + 5 * 160) & 0xFFFF_FFFFL);
    }

    // ---- 4. RTCP ----

    @Test
    void sendsReportsOnPortPlusOneWithTheLossWeSawAndExposesThePeersReport() throws Exception {
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        channel.start(pcmu(peer.rtpPort()), () -> null, events);
        int port = channel.localPort();
        List<List<Integer>> script = new ArrayList<>();
        for (int id = 0; id < 400; id++) {
            script.add(id == 7 ? List.of() : List.of(id));
        }
        playScript(peer.rtp, port, script);
        long ourSsrc = RtpPeer.receiveRtp(peer.rtp).ssrc();

        ReportBlock aboutPeer = null;
        List<RtcpPacket> compound = List.of();
        while (aboutPeer == null || aboutPeer.cumulativeLost() < 1) {
            compound = peer.receiveRtcp();
            aboutPeer = blockAbout(compound, PEER_SSRC);
        }
        assertThat(compound.get(0)).as("we are sending: a sender report").isInstanceOf(SenderReport.class);
        assertThat(((SenderReport) compound.get(0)).ssrc()).isEqualTo(ourSsrc);
        assertThat(compound).anyMatch(SourceDescription.class::isInstance);
        assertThat(aboutPeer.cumulativeLost()).isEqualTo(1);
        MediaStatistics.Reception ours = channel.statistics().reception();
        assertThat(ours.cumulativeLost()).isEqualTo(1);
        assertThat(ours.packetsReceived()).isPositive();

        ReportBlock block = new ReportBlock(ourSsrc, 64, 3, 1000, 160, 0, 0);
        RtpPeer.send(peer.rtcp, RtcpPacket.encodeCompound(List.of(new ReceiverReport(PEER_SSRC, List.of(block)))),
                port + 1);
        await().atMost(WAIT).until(() -> !events.reports.isEmpty());

        MediaStatistics.RemoteReport expected = new MediaStatistics.RemoteReport(0.25, 3, 20.0, 1000);
        assertThat(events.reports.get(0).remote()).contains(expected);
        assertThat(channel.statistics().remote()).contains(expected);

        DatagramSocket stranger = closing(RtpPeer.single());
        ReportBlock forged = new ReportBlock(ourSsrc, 255, 999, 1000, 0, 0, 0);
        RtpPeer.send(stranger, RtcpPacket.encodeCompound(List.of(new ReceiverReport(1, List.of(forged)))), port + 1);
        await().atMost(WAIT).until(() -> channel.statistics().reception().foreignSourcePackets() == 1);
        assertThat(channel.statistics().remote()).contains(expected);
        assertThat(events.reports).hasSize(1);

        channel.close();
        List<RtcpPacket> last = peer.receiveRtcp();
        while (last.stream().noneMatch(Goodbye.class::isInstance)) {
            last = peer.receiveRtcp();
        }
        assertThat(last.stream().filter(Goodbye.class::isInstance).map(Goodbye.class::cast).findFirst().orElseThrow()
                .sources()).containsExactly(ourSsrc);
    }

    @Test
    void theFirstReportArrivesOnPortPlusOneWithinTheInitialInterval() throws Exception {
        // RFC 3550 §6.2: the first report after half the minimum interval (100 ms here), randomised.
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        channel.start(pcmu(peer.rtpPort()), () -> null, events);
        List<RtcpPacket> first = peer.receiveRtcp();
        assertThat(first.get(0)).isInstanceOfAny(SenderReport.class, ReceiverReport.class);
        assertThat(first).anyMatch(SourceDescription.class::isInstance);
    }

    // ---- 5. RFC 4733 received ----

    @Test
    void aLongPressWithRepeatedEndPacketsAndDuplicatesIsOneDigit() throws Exception {
        RtpPeer peer = closing(RtpPeer.bindPair());
        MediaChannel channel = open();
        channel.start(pcmu(peer.rtpPort()), () -> null, events);
        int port = channel.localPort();
        List<byte[]> packets = new ArrayList<>();
        int seq = 100;
        long ts = 8000;
        // '5' held for 400 ms: 20 updates with growing duration, one of them duplicated, then 3 end packets.
        for (int d = 160; d <= 3200; d += 160) {
            packets.add(event(seq++, ts, 5, false, d, d == 160));
            if (d == 800) {
                packets.add(packets.get(packets.size() - 1));
            }
        }
        for (int i = 0; i < 3; i++) {
            packets.add(event(seq++, ts, 5, true, 3200, false));
        }
        // '5' again (a new timestamp), seen only by its end packets; then '9'.
        ts += 4000;
        for (int i = 0; i < 3; i++) {
            packets.add(event(seq++, ts, 5, true, 800, false));
        }
        ts += 2000;
        packets.add(event(seq++, ts, 9, false, 160, true));
        packets.add(event(seq++, ts, 9, true, 320, false));
        packets.add(event(seq++, ts, 9, true, 320, false));
        for (byte[] p : packets) {
            RtpPeer.send(peer.rtp, p, port);
        }

        await().atMost(WAIT).until(() -> channel.statistics().reception().jitterBuffer().received() == packets.size());
        assertThat(String.valueOf(events.digits())).isEqualTo("559");
    }

    // ---- helpers ----

    private MediaChannel open() throws Exception {
        MediaChannel channel = factory.open().toCompletableFuture().get(5, TimeUnit.SECONDS);
        closeables.add(channel::close);
        return channel;
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static MediaParameters pcmu(int remotePort) {
        return new MediaParameters(AudioCodec.PCMU, PCMU, TELEPHONE_EVENT, "127.0.0.1", remotePort,
                Direction.SENDRECV);
    }

    /** Sends script.get(i) on the i-th tick after now, from the clock thread, after the channel's own tick. */
    private void playScript(DatagramSocket from, int port, List<List<Integer>> script) {
        AtomicInteger tick = new AtomicInteger();
        Registration[] registration = new Registration[1];
        registration[0] = clock.register(t -> {
            int i = tick.getAndIncrement();
            if (i >= script.size()) {
                registration[0].close();
                return;
            }
            for (int id : script.get(i)) {
                RtpPeer.send(from, frame(PEER_SSRC, id), port);
            }
        });
        closeables.add(registration[0]::close);
    }

    /** Packet {@code id} of the peer's stream: sequence 1000 + id, 20 ms per id, content naming the id. */
    private static byte[] frame(long ssrc, int id) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, FrameIds.code(id));
        return RtpPacket.of(PCMU, id == 0, 1000 + id, 160L * id, ssrc, payload).toBytes();
    }

    private static byte[] event(int seq, long ts, int code, boolean end, int duration, boolean marker) {
        return RtpPacket.of(TELEPHONE_EVENT, marker, seq, ts, PEER_SSRC,
                new TelephoneEvent(code, end, 10, duration).toBytes()).toBytes();
    }

    private static ReportBlock blockAbout(List<RtcpPacket> compound, long ssrc) {
        for (RtcpPacket packet : compound) {
            List<ReportBlock> blocks = packet instanceof SenderReport sr ? sr.reports()
                    : packet instanceof ReceiverReport rr ? rr.reports() : List.of();
            for (ReportBlock block : blocks) {
                if (block.ssrc() == ssrc) {
                    return block;
                }
            }
        }
        return null;
    }

    /** Records what the channel reports, with the threads it reports on. */
    static final class Recorder implements MediaChannel.MediaEvents {
        final List<short[]> frames = new CopyOnWriteArrayList<>();
        final Queue<String> audioThreads = new ConcurrentLinkedQueue<>();
        final Queue<Character> digitQueue = new ConcurrentLinkedQueue<>();
        final List<MediaStatistics> reports = new CopyOnWriteArrayList<>();

        @Override
        public void onDtmf(char digit) {
            digitQueue.add(digit);
        }

        @Override
        public void onAudio(short[] frame) {
            frames.add(frame);
            audioThreads.add(Thread.currentThread().getName());
        }

        @Override
        public void onRemoteReport(MediaStatistics statistics) {
            reports.add(statistics);
        }

        char[] digits() {
            StringBuilder s = new StringBuilder();
            digitQueue.forEach(s::append);
            return s.toString().toCharArray();
        }
    }

    /**
     * Names frames by their content: frame {@code id} is filled with one µ-law code. The codes are
     * chosen so that no code's value equals another's scaled by the concealer's fades (0.75, 0.5,
     * 0.25) at the last sample, where a fade-in is back at full gain; so the last sample names a
     * frame that was played, and a concealed frame names none.
     */
    static final class FrameIds {
        private static final List<Byte> CODES = new ArrayList<>();
        private static final List<Short> VALUES = new ArrayList<>();

        static {
            for (int c = 0x80; c < 0x100 && CODES.size() < 64; c++) {
                short value = G711.Law.MU_LAW.decode(new byte[] {(byte) c}, 0, 1)[0];
                if (value == 0 || collides(value)) {
                    continue;
                }
                CODES.add((byte) c);
                VALUES.add(value);
            }
        }

        private static boolean collides(short value) {
            for (short other : VALUES) {
                for (double gain : new double[] {0.75, 0.5, 0.25}) {
                    if (Math.round(other * gain) == value || Math.round(value * gain) == other) {
                        return true;
                    }
                }
            }
            return false;
        }

        static byte code(int id) {
            return CODES.get(id % CODES.size());
        }

        static int idOf(short[] frame) {
            return VALUES.indexOf(frame[frame.length - 1]);
        }
    }
}
