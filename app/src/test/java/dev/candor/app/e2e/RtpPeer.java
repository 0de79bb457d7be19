package dev.candor.app.e2e;

import dev.candor.telephony.media.DtmfSender;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The media end of a test phone: a real UDP socket that records every RTP packet it receives (with its
 * arrival time) and can send a tone or DTMF back to whoever sent to it (symmetric RTP).
 */
final class RtpPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private volatile SocketAddress remote;
    private volatile int audioPayloadType = 0;
    private ScheduledFuture<?> tone;
    private int sequence = 1000;
    private long timestamp = 80_000;
    private final long ssrc = 0x5EED_0001L;

    record Received(long arrivalNanos, RtpPacket packet) {
    }

    RtpPeer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(this::read, "rtp-peer-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    boolean hasRemote() {
        return remote != null;
    }

    /** Audio frames received since {@code sinceNanos} in which {@code hz} is clearly present (alone or mixed). */
    long framesWithTone(long sinceNanos, double hz) {
        return received().stream()
                .filter(r -> r.arrivalNanos() >= sinceNanos && r.packet().payloadType() <= 8)
                .map(r -> (r.packet().payloadType() == 8 ? G711.Law.A_LAW : G711.Law.MU_LAW)
                        .decode(r.packet().payload(), 0, r.packet().payload().length))
                .filter(f -> Signals.rms(f) > 300 && Signals.toneShare(f, hz) > 0.15).count();
    }

    /**
     * Sends an RTCP receiver report about the stream this peer receives (to the sender's port + 1, as
     * RFC 3550 pairs them), claiming {@code fractionLost}/256 lost and {@code jitter} timestamp units.
     */
    void sendReceiverReport(int fractionLost, int cumulativeLost, long jitter) throws IOException {
        List<Received> got = received();
        if (got.isEmpty() || !(remote instanceof InetSocketAddress rtp)) {
            throw new IllegalStateException("nothing received yet: no stream to report on");
        }
        RtpPacket last = got.get(got.size() - 1).packet();
        byte[] report = dev.candor.telephony.rtcp.RtcpPacket.encodeCompound(List.of(
                new dev.candor.telephony.rtcp.ReceiverReport(ssrc, List.of(new dev.candor.telephony.rtcp.ReportBlock(
                        last.ssrc(), fractionLost, cumulativeLost, last.sequenceNumber(), jitter, 0, 0)))));
        socket.send(new DatagramPacket(report, report.length,
                new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1)));
    }

    private void read() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            remote = datagram.getSocketAddress();
            if (RtpPacket.decode(datagram.getData(), 0, datagram.getLength()) instanceof RtpDecodeResult.Ok ok) {
                received.add(new Received(now, ok.packet()));
                if (ok.packet().payloadType() == 0 || ok.packet().payloadType() == 8) {
                    audioPayloadType = ok.packet().payloadType();
                }
            }
        }
    }

    /**
     * Sends a continuous sine tone, one 20 ms packet at a time, to whoever sends to this peer, in the
     * G.711 law the peer sends (the negotiated codec; PCMU until anything arrives).
     */
    synchronized void startTone(double frequencyHz) {
        stopTone();
        double[] phase = {0};
        tone = sender.scheduleAtFixedRate(() -> {
            short[] frame = new short[160];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (8000 * Math.sin(phase[0]));
                phase[0] += 2 * Math.PI * frequencyHz / 8000;
            }
            int pt = audioPayloadType;
            sendAudio((pt == 8 ? G711.Law.A_LAW : G711.Law.MU_LAW).encode(frame), pt);
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    synchronized void stopTone() {
        if (tone != null) {
            tone.cancel(false);
            tone = null;
        }
    }

    private synchronized void sendAudio(byte[] payload, int payloadType) {
        RtpPacket packet = RtpPacket.of(payloadType, false, sequence++ & 0xFFFF, timestamp, ssrc, payload);
        timestamp += 160;
        send(packet);
    }

    /**
     * Sends recorded speech as G.711 (PCMA for payload type 8, else PCMU), one 20 ms packet every 20 ms, starting now; returns the
     * System.nanoTime at which each frame was sent, so a test can tell when speech started.
     */
    long[] sendSpeech(short[] pcm8k, int payloadType) throws InterruptedException {
        G711.Law law = payloadType == 8 ? G711.Law.A_LAW : G711.Law.MU_LAW;
        int frames = pcm8k.length / 160;
        long[] sentAt = new long[frames];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        int[] next = {0};
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = sender.scheduleAtFixedRate(() -> {
            int i = next[0]++;
            if (i >= frames) {
                task[0].cancel(false);
                done.countDown();
                return;
            }
            short[] frame = java.util.Arrays.copyOfRange(pcm8k, i * 160, i * 160 + 160);
            sentAt[i] = System.nanoTime();
            sendAudio(law.encode(frame), payloadType);
        }, 0, 20, TimeUnit.MILLISECONDS);
        done.await(frames * 40L + 2000, TimeUnit.MILLISECONDS);
        return sentAt;
    }

    /** Sends an RFC 4733 key press (start, updates, three end packets), paced 20 ms apart. */
    void sendDtmf(char digit, int payloadType) {
        List<DtmfSender.Packet> packets = DtmfSender.packetsFor(digit, 100);
        long eventTimestamp;
        synchronized (this) {
            eventTimestamp = timestamp;
        }
        for (int i = 0; i < packets.size(); i++) {
            DtmfSender.Packet p = packets.get(i);
            sender.schedule(() -> {
                synchronized (RtpPeer.this) {
                    send(RtpPacket.of(payloadType, p.marker(), sequence++ & 0xFFFF, eventTimestamp, ssrc,
                            p.event().toBytes()));
                }
            }, 20L * i, TimeUnit.MILLISECONDS);
        }
    }

    private void send(RtpPacket packet) {
        SocketAddress to = remote;
        if (to == null) {
            return;
        }
        byte[] bytes = packet.toBytes();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            // The call may have ended; the test's assertions tell whether that matters.
        }
    }

    /** Decoded audio of the packets received with {@code payloadType}, in arrival order. */
    List<short[]> audioFrames(int payloadType) {
        G711.Law law = payloadType == 8 ? G711.Law.A_LAW : G711.Law.MU_LAW;
        List<short[]> frames = new ArrayList<>();
        for (Received r : received) {
            if (r.packet().payloadType() == payloadType) {
                byte[] payload = r.packet().payload();
                frames.add(law.decode(payload, 0, payload.length));
            }
        }
        return frames;
    }

    @Override
    public void close() {
        sender.shutdownNow();
        socket.close();
    }
}
