package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.rtp.RtpDecodeResult;
import dev.candor.telephony.rtp.RtpPacket;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.MediaDescription;
import dev.candor.telephony.sdp.SessionDescription;
import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The endpoint on real sockets: a scripted peer (a plain {@link DatagramSocket} on loopback) sends
 * hand-written SIP and reads what comes back, with socket timeouts and Awaitility, never sleeps.
 */
class SipEndpointTest {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(6_000); // below the ephemeral ports
    private final int rtpMax = rtpMin + 19;
    private MediaClock clock;
    private ExecutorService callbacks;
    private SipEndpoint endpoint;
    private DatagramSocket peer;
    private DatagramSocket peerMedia;
    private final List<CallLeg> answered = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        clock = MediaClock.start();
        callbacks = Executors.newSingleThreadExecutor();
        SipEndpointConfig config = new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMax, 4096,
                List.of(AudioCodec.PCMU, AudioCodec.PCMA));
        endpoint = SipEndpoint.start(config, clock, callbacks, leg -> {
            synchronized (answered) {
                answered.add(leg);
            }
            leg.ring();
            leg.answer();
            return new CallLegListener() { };
        });
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
        peerMedia = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peerMedia.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
    }

    @AfterEach
    void stop() {
        peer.close();
        peerMedia.close();
        endpoint.close();
        clock.close();
        callbacks.shutdownNow();
    }

    @Test
    void optionsGets200() throws IOException {
        send(options("z9hG4bK-ep-opt"));

        SipResponse ok = receiveResponse();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.topVia().branch()).contains("z9hG4bK-ep-opt");
    }

    @Test
    void binaryGarbageIsDroppedAndCountedWithoutReply() throws IOException {
        byte[] garbage = new byte[200];
        ThreadLocalRandom.current().nextBytes(garbage);
        garbage[0] = (byte) 0x80; // looks like RTP, not like SIP
        send(garbage);
        send(options("z9hG4bK-ep-after-garbage"));

        // One channel handles datagrams in order: if the first thing back is the OPTIONS' 200, the
        // garbage got no reply.
        SipResponse first = receiveResponse();
        assertThat(first.topVia().branch()).contains("z9hG4bK-ep-after-garbage");
        await().atMost(REPLY_TIMEOUT).until(() -> endpoint.droppedDatagrams() == 1);
        assertThat(endpoint.answeredBadRequests()).isZero();
    }

    @Test
    void malformedInviteWithReadableViaGets400() throws IOException {
        // RFC 3261 §21.4.1: 400 for a request with malformed syntax; answerable because Via, From, To,
        // Call-ID and CSeq are intact.
        send(invite("bad-mf@127.0.0.1", "z9hG4bK-ep-bad", null).replace("Max-Forwards: 70", "Max-Forwards: banana"));

        SipResponse bad = receiveResponse();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.topVia().branch()).contains("z9hG4bK-ep-bad");
        assertThat(bad.callId()).isEqualTo("bad-mf@127.0.0.1");
        assertThat(endpoint.answeredBadRequests()).isEqualTo(1);
        assertThat(endpoint.activeLegs()).isZero();
    }

    @Test
    void inviteWithABrokenContentLengthGets400() throws IOException {
        String sdp = offer();
        send(invite("bad-cl@127.0.0.1", "z9hG4bK-ep-badcl", sdp)
                .replace("Content-Length: " + sdp.length(), "Content-Length: " + (sdp.length() + 500)));

        SipResponse bad = receiveResponse();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.callId()).isEqualTo("bad-cl@127.0.0.1");
    }

    @Test
    void answeredCallSendsRtpAfterAckAndEndsOnBye() throws IOException {
        String call = "ep-call@127.0.0.1";
        long inviteSent = System.nanoTime();
        send(invite(call, "z9hG4bK-ep-inv", offer()));

        assertThat(receiveResponse().statusCode()).isEqualTo(100);
        assertThat(receiveResponse().statusCode()).isEqualTo(180);
        SipResponse ok = receiveResponse();
        assertThat(ok.statusCode()).isEqualTo(200);
        SessionDescription answer = SessionDescription.parse(new String(ok.body(), StandardCharsets.US_ASCII))
                .orElseThrow();
        MediaDescription audio = answer.media().get(0);
        assertThat(audio.port()).isBetween(rtpMin, rtpMax);
        assertThat(audio.formats().get(0)).isEqualTo(0);
        assertThat(endpoint.activeLegs()).isEqualTo(1);

        String toTag = ok.to().tag().orElseThrow();
        send(inDialog("ACK", 1, call, "z9hG4bK-ep-ack", toTag));

        // RTP in the answered payload type, one packet per 20 ms tick: the RTP timestamp advances by
        // 160 samples and the sequence number by one, packet after packet.
        List<RtpPacket> packets = new ArrayList<>();
        long lastArrival = 0;
        while (packets.size() < 25) {
            byte[] buf = new byte[1500];
            DatagramPacket datagram = new DatagramPacket(buf, buf.length);
            peerMedia.receive(datagram);
            lastArrival = System.nanoTime();
            RtpDecodeResult decoded = RtpPacket.decode(buf, 0, datagram.getLength());
            assertThat(decoded).isInstanceOf(RtpDecodeResult.Ok.class);
            packets.add(((RtpDecodeResult.Ok) decoded).packet());
        }
        assertThat(packets).allSatisfy(p -> {
            assertThat(p.payloadType()).isEqualTo(0);
            assertThat(p.payloadLength()).isEqualTo(160);
        });
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequenceNumber()).isEqualTo((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
            assertThat(packets.get(i).timestamp()).isEqualTo((packets.get(i - 1).timestamp() + 160) & 0xFFFF_FFFFL);
        }
        // Paced by the 20 ms clock: media cannot have started before the INVITE was sent, so 25 packets
        // need at least 24 ticks after it (a backlog read at once is fine; a burst faster than the clock is not).
        assertThat(Duration.ofNanos(lastArrival - inviteSent)).isGreaterThanOrEqualTo(Duration.ofMillis(24 * 20));

        send(inDialog("BYE", 2, call, "z9hG4bK-ep-bye", toTag));
        SipResponse byeOk = receiveResponseTo("BYE");
        assertThat(byeOk.statusCode()).isEqualTo(200);
        await().atMost(REPLY_TIMEOUT).until(() -> endpoint.activeLegs() == 0);
        assertThat(answered).hasSize(1);
        assertThat(endpoint.counters().handlerErrors()).isZero();
    }

    // ---- the scripted peer ----

    private void send(String text) throws IOException {
        send(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] bytes) throws IOException {
        peer.send(new DatagramPacket(bytes, bytes.length, endpoint.localAddress()));
    }

    private SipResponse receiveResponse() throws IOException {
        byte[] buf = new byte[65535];
        DatagramPacket datagram = new DatagramPacket(buf, buf.length);
        peer.receive(datagram);
        SipParseResult result = SipParser.parse(buf, 0, datagram.getLength(), SipDecoderConfig.defaults());
        assertThat(result).isInstanceOf(SipParseResult.Parsed.class);
        return (SipResponse) ((SipParseResult.Parsed) result).message();
    }

    /** Skips 2xx retransmissions of the INVITE still in flight. */
    private SipResponse receiveResponseTo(String method) throws IOException {
        while (true) {
            SipResponse response = receiveResponse();
            if (response.cseq().method().name().equals(method)) {
                return response;
            }
        }
    }

    private String via(String branch) {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=" + branch + ";rport\n";
    }

    private String options(String branch) {
        return "OPTIONS sip:candor@127.0.0.1 SIP/2.0\n"
                + via(branch)
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1>;tag=p1\n"
                + "To: <sip:candor@127.0.0.1>\n"
                + "Call-ID: " + branch + "@127.0.0.1\n"
                + "CSeq: 1 OPTIONS\n"
                + "Content-Length: 0\n\n";
    }

    private String offer() {
        return ("v=0\n"
                + "o=peer 1 1 IN IP4 127.0.0.1\n"
                + "s=-\n"
                + "c=IN IP4 127.0.0.1\n"
                + "t=0 0\n"
                + "m=audio " + peerMedia.getLocalPort() + " RTP/AVP 0 8 101\n"
                + "a=rtpmap:0 PCMU/8000\n"
                + "a=rtpmap:8 PCMA/8000\n"
                + "a=rtpmap:101 telephone-event/8000\n"
                + "a=fmtp:101 0-16\n"
                + "a=ptime:20\n").replace("\n", "\r\n");
    }

    private String invite(String callId, String branch, String sdp) {
        String body = sdp == null ? "" : sdp;
        return "INVITE sip:sales@127.0.0.1 SIP/2.0\n"
                + via(branch)
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1>;tag=p1\n"
                + "To: <sip:sales@127.0.0.1>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:" + peer.getLocalPort() + ">\n"
                + (sdp == null ? "" : "Content-Type: application/sdp\n")
                + "Content-Length: " + body.length() + "\n\n"
                + body.replace("\r\n", "\n");
    }

    private String inDialog(String method, long cseq, String callId, String branch, String toTag) {
        return method + " sip:candor@127.0.0.1 SIP/2.0\n"
                + via(branch)
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1>;tag=p1\n"
                + "To: <sip:sales@127.0.0.1>;tag=" + toTag + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + "Content-Length: 0\n\n";
    }
}
