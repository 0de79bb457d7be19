package dev.candor.telephony.rtp.netty;

import dev.candor.telephony.rtcp.RtcpDecodeResult;
import dev.candor.telephony.rtcp.RtcpPacket;
import dev.candor.telephony.rtp.RtpDecodeResult;
import dev.candor.telephony.rtp.RtpPacket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A scripted far end on loopback: plain {@link DatagramSocket}s on an RTP port and the RTCP port
 * above it. Reads block with a socket timeout, never a sleep.
 */
final class RtpPeer implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 3000;

    final DatagramSocket rtp;
    final DatagramSocket rtcp;

    private RtpPeer(DatagramSocket rtp, DatagramSocket rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** A peer on a free even port and the odd port above it. */
    static RtpPeer bindPair() throws SocketException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 40_000 + 2 * ThreadLocalRandom.current().nextInt(10_000);
            DatagramSocket rtp;
            try {
                rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            } catch (SocketException taken) {
                continue;
            }
            try {
                DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port + 1));
                rtp.setSoTimeout(TIMEOUT_MILLIS);
                rtcp.setSoTimeout(TIMEOUT_MILLIS);
                return new RtpPeer(rtp, rtcp);
            } catch (SocketException taken) {
                rtp.close();
            }
        }
        throw new IllegalStateException("no free port pair for the test peer");
    }

    /** A single socket on any free port (an attacker, or an address that never answers). */
    static DatagramSocket single() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    int rtpPort() {
        return rtp.getLocalPort();
    }

    static void send(DatagramSocket from, byte[] bytes, int toPort) {
        try {
            from.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", toPort)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next RTP packet on {@code socket}; fails the test after the socket timeout. */
    static RtpPacket receiveRtp(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        socket.receive(datagram);
        RtpDecodeResult result = RtpPacket.decode(buf, 0, datagram.getLength());
        if (!(result instanceof RtpDecodeResult.Ok ok)) {
            throw new AssertionError("not RTP: " + result + " " + Arrays.toString(Arrays.copyOf(buf, datagram.getLength())));
        }
        return ok.packet();
    }

    /** The next RTCP compound packet on the peer's RTCP socket. */
    List<RtcpPacket> receiveRtcp() throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        rtcp.receive(datagram);
        RtcpDecodeResult result = RtcpPacket.decodeCompound(buf, 0, datagram.getLength());
        if (!(result instanceof RtcpDecodeResult.Ok ok)) {
            throw new AssertionError("not RTCP: " + result);
        }
        return ok.packets();
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
