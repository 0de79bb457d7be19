package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.limits.FloodLimits;
import dev.candor.telephony.sip.limits.TrustedAddresses;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flood on real sockets: a scanner at 127.0.0.2 sends far more than its limit while the trunk at
 * 127.0.0.1 (trusted) places a call, which must still be answered.
 */
class SipEndpointFloodTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int FLOOD = 600;

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(6_000); // below the ephemeral ports
    private MediaClock clock;
    private ExecutorService callbacks;
    private SipEndpoint endpoint;
    private DatagramSocket scanner;
    private DatagramSocket trunk;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        clock = MediaClock.start();
        callbacks = Executors.newSingleThreadExecutor();
        // A slow refill (1 request a second) keeps the count independent of how fast this machine floods.
        FloodLimits limits = new FloodLimits(1, 40, 100, Duration.ofSeconds(60), 1_000,
                TrustedAddresses.of(List.of("127.0.0.1")));
        SipEndpointConfig config = new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 9, 4096,
                List.of(AudioCodec.PCMU)).withFloodLimits(limits).withMaxConcurrentCalls(10);
        endpoint = SipEndpoint.start(config, clock, callbacks, leg -> {
            calls.incrementAndGet();
            leg.answer();
            return new CallLegListener() { };
        });
        scanner = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
        trunk = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        trunk.setSoTimeout((int) TIMEOUT.toMillis());
    }

    @AfterEach
    void stop() {
        scanner.close();
        trunk.close();
        endpoint.close();
        clock.close();
        callbacks.shutdownNow();
    }

    @Test
    void floodFromOneSourceIsLimitedAndBannedWhileTheTrustedTrunkStillGetsItsCallAnswered() throws IOException {
        // Sent in windows of 50, each awaited before the next, so the kernel's socket buffer never
        // overflows and every flood datagram is accounted for: delivered to the user agent, answered
        // 503, or dropped unread because its source is banned.
        for (int sent = 0; sent < FLOOD; ) {
            for (int end = sent + 50; sent < end; sent++) {
                send(scanner, options("z9hG4bK-flood-" + sent, scanner.getLocalPort(), "127.0.0.2"));
            }
            int expected = sent;
            await().atMost(TIMEOUT).until(() -> accounted() >= expected);
        }

        send(trunk, invite("trunk-call@127.0.0.1", "z9hG4bK-trunk-1"));
        SipResponse ok = receiveFinal(trunk);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(calls.get()).isEqualTo(1);
        AbuseCounters counters = endpoint.abuseCounters();
        assertThat(endpoint.counters().requests() - 1).isBetween(40L, 50L); // the burst, plus a few refills
        assertThat(counters.bans()).isEqualTo(1);
        assertThat(counters.answeredRateLimited()).isGreaterThanOrEqualTo(99);
        assertThat(counters.bannedDrops()).isGreaterThan(FLOOD / 2);
        assertThat(counters.trackedSources()).isEqualTo(1); // the trunk is not tracked
        assertThat(endpoint.counters().handlerErrors()).isZero();
    }

    private long accounted() {
        AbuseCounters c = endpoint.abuseCounters();
        return endpoint.counters().requests() + c.answeredRateLimited() + c.bannedDrops();
    }

    private void send(DatagramSocket from, String text) throws IOException {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(bytes, bytes.length, endpoint.localAddress()));
    }

    private SipResponse receiveFinal(DatagramSocket socket) throws IOException {
        while (true) {
            byte[] buf = new byte[65535];
            DatagramPacket datagram = new DatagramPacket(buf, buf.length);
            socket.receive(datagram);
            SipParseResult result = SipParser.parse(buf, 0, datagram.getLength(), SipDecoderConfig.defaults());
            SipResponse response = (SipResponse) ((SipParseResult.Parsed) result).message();
            if (response.statusCode() >= 200) {
                return response;
            }
        }
    }

    private static String options(String branch, int port, String host) {
        return "OPTIONS sip:candor@127.0.0.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:100&reboot;@" + host + ">;tag=s\n"
                + "To: <sip:candor@127.0.0.1>\n"
                + "Call-ID: " + branch + "\n"
                + "CSeq: 1 OPTIONS\n"
                + "Content-Length: 0\n\n";
    }

    private String invite(String callId, String branch) {
        String sdp = "v=0\no=trunk 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                + "m=audio 40000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n";
        String body = sdp.replace("\n", "\r\n");
        return "INVITE sip:sales@127.0.0.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + trunk.getLocalPort() + ";branch=" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:trunk@127.0.0.1>;tag=t1\n"
                + "To: <sip:sales@127.0.0.1>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:trunk@127.0.0.1:" + trunk.getLocalPort() + ">\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + body.length() + "\n\n"
                + sdp;
    }
}
