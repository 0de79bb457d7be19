package dev.candor.app.e2e;

import dev.candor.telephony.media.G711;
import dev.candor.telephony.rtp.RtpDecodeResult;
import dev.candor.telephony.rtp.RtpPacket;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST ONLY: the media end of many benchmark callers on one UDP socket. Every call's SDP names this
 * socket; calls are told apart by Candor's SSRC, one per call. Per call: send silence every 20 ms from
 * Candor's first packet on; once the greeting has played and gone silent for 200 ms, send one fixture
 * utterance, then silence again; the first packet of Candor's next talkspurt (marker bit, or any loud
 * frame) after the frame holding the fixture's speech end is the reply.
 */
final class BenchCallers implements AutoCloseable {
    private static final int SILENT_FRAMES_AFTER_GREETING = 10;

    private final DatagramSocket socket;
    private final List<FixtureRecognizer.Fixture> fixtures;
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final AtomicInteger nextFixture = new AtomicInteger();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-callers-sender");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore replies = new Semaphore(0);
    private final List<Result> results = new ArrayList<>();

    /** One reply: which fixture was spoken, and ms from sending its speech end to the reply's first packet. */
    record Result(String fixture, double replyMillis) {
    }

    BenchCallers(List<FixtureRecognizer.Fixture> fixtures) throws SocketException {
        this.fixtures = List.copyOf(fixtures);
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 << 20);
        Thread reader = new Thread(this::read, "bench-callers-receiver");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    boolean awaitReplies(int n, long timeoutMillis) throws InterruptedException {
        return replies.tryAcquire(n, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    synchronized List<Result> results() {
        return List.copyOf(results);
    }

    /** How many calls are in each phase, for a run where not every call was answered. */
    Map<String, Long> phases() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Call call : calls.values()) {
            counts.merge(call.phase().name(), 1L, Long::sum);
        }
        return counts;
    }

    private void read() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            if (RtpPacket.decode(datagram.getData(), 0, datagram.getLength()) instanceof RtpDecodeResult.Ok ok) {
                RtpPacket packet = ok.packet();
                if (packet.payloadType() != 0 && packet.payloadType() != 8) {
                    continue;
                }
                SocketAddress from = datagram.getSocketAddress();
                calls.computeIfAbsent(packet.ssrc(), ssrc -> new Call(ssrc, from, packet.payloadType()))
                        .received(now, packet);
            }
        }
    }

    private enum Phase { GREETING, SPEAKING, AWAITING_REPLY, DONE }

    /** One call's media state: written by the receiver thread and the sender thread, under its lock. */
    private final class Call {
        private final SocketAddress candor;
        private final G711.Law law;
        private final int payloadType;
        private final FixtureRecognizer.Fixture fixture;
        private final long ssrc;
        private final ScheduledFuture<?> sending;
        private Phase phase = Phase.GREETING;
        private boolean greetingHeard;
        private int silentRun;
        private int frame;
        private int sequence;
        private long timestamp;
        private long speechEndSentNanos;

        Call(long candorSsrc, SocketAddress candor, int payloadType) {
            this.candor = candor;
            this.payloadType = payloadType;
            this.law = payloadType == 8 ? G711.Law.A_LAW : G711.Law.MU_LAW;
            this.fixture = fixtures.get(Math.floorMod(nextFixture.getAndIncrement(), fixtures.size()));
            this.ssrc = (candorSsrc ^ 0x5EED_0000L) & 0xFFFF_FFFFL;
            this.sending = sender.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
        }

        synchronized Phase phase() {
            return phase;
        }

        synchronized void received(long arrivalNanos, RtpPacket packet) {
            byte[] payload = packet.payload();
            double rms = Signals.rms(law.decode(payload, 0, payload.length));
            switch (phase) {
                case GREETING -> {
                    greetingHeard |= rms > 500;
                    silentRun = greetingHeard && rms < 50 ? silentRun + 1 : 0;
                    if (silentRun >= SILENT_FRAMES_AFTER_GREETING) {
                        phase = Phase.SPEAKING;
                        frame = 0;
                    }
                }
                case AWAITING_REPLY -> {
                    if (arrivalNanos > speechEndSentNanos && (packet.marker() || rms > 300)) {
                        phase = Phase.DONE;
                        synchronized (BenchCallers.this) {
                            results.add(new Result(fixture.file(), (arrivalNanos - speechEndSentNanos) / 1e6));
                        }
                        replies.release();
                    }
                }
                default -> {
                }
            }
        }

        private synchronized void sendFrame() {
            short[] pcm = new short[160];
            if (phase == Phase.SPEAKING || phase == Phase.AWAITING_REPLY) {
                int at = frame * 160;
                if (at + 160 <= fixture.pcm8k().length) {
                    pcm = Arrays.copyOfRange(fixture.pcm8k(), at, at + 160);
                }
                frame++;
            } else if (phase == Phase.DONE) {
                sending.cancel(false);
                return;
            }
            RtpPacket packet = RtpPacket.of(payloadType, false, sequence++ & 0xFFFF, timestamp & 0xFFFF_FFFFL, ssrc,
                    law.encode(pcm));
            timestamp += 160;
            byte[] bytes = packet.toBytes();
            try {
                socket.send(new DatagramPacket(bytes, bytes.length, candor));
            } catch (IOException e) {
                sending.cancel(false);
                return;
            }
            if (phase == Phase.SPEAKING && frame - 1 == fixture.speechEndMillis() / 20) {
                speechEndSentNanos = System.nanoTime();
                phase = Phase.AWAITING_REPLY;
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        socket.close();
    }
}
