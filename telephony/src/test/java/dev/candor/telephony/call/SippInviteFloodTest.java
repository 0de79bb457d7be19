package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.limits.FloodLimits;
import dev.candor.telephony.sip.limits.TrustedAddresses;
import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import dev.candor.telephony.sip.message.SipResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's flood test with a real load generator: sipp at 127.0.0.2 sends 2,000 INVITEs at 500 per
 * second, 25 times its limit of 20 per second, while the trunk at 127.0.0.1 (trusted) places a call in
 * the middle of the flood. The limit must hold (a burst's worth of INVITEs reach the user agent, the
 * rest are answered 503 or dropped once the source is banned, and Candor counts every one), the trunk's
 * call must be answered, and what Candor keeps per source and per call must stay under a fixed bound
 * throughout (sampled while the flood runs, not inferred from the garbage collector). Skipped without sipp.
 */
class SippInviteFloodTest {
    private static final int FLOOD_CALLS = 2_000;
    private static final int FLOOD_RATE = 500;
    private static final int BURST = 40;
    private static final int MAX_CONCURRENT_CALLS = 200;

    @TempDir
    Path folder;

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(10_000);
    private MediaClock clock;
    private ExecutorService callbacks;
    private SipEndpoint endpoint;
    private DatagramSocket trunk;
    private Process sipp;
    private final AtomicInteger trunkCalls = new AtomicInteger();
    private final AtomicInteger floodCalls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sipp")) || Files.isExecutable(Path.of("/usr/local/bin/sipp")),
                "sipp is not installed (apt-get install sip-tester)");
        clock = MediaClock.start();
        callbacks = Executors.newSingleThreadExecutor();
        FloodLimits limits = new FloodLimits(20, BURST, 100, Duration.ofSeconds(60), 1_000,
                TrustedAddresses.of(List.of("127.0.0.1")));
        SipEndpointConfig config = new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 2 * 300, 4096,
                List.of(AudioCodec.PCMU)).withFloodLimits(limits).withMaxConcurrentCalls(MAX_CONCURRENT_CALLS);
        endpoint = SipEndpoint.start(config, clock, callbacks, leg -> {
            (leg.sipCallId().startsWith("trunk-") ? trunkCalls : floodCalls).incrementAndGet();
            leg.answer();
            return new CallLegListener() { };
        });
        trunk = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        trunk.setSoTimeout(5_000);
    }

    @AfterEach
    void stop() {
        if (sipp != null) {
            sipp.destroyForcibly();
        }
        if (trunk != null) {
            trunk.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (clock != null) {
            clock.close();
        }
        if (callbacks != null) {
            callbacks.shutdownNow();
        }
    }

    @Test
    void inviteFloodAt25TimesTheLimitIsHeldWhileTheTrustedTrunksCallIsAnswered() throws Exception {
        sipp = startFlood();
        Bounds bounds = new Bounds();

        // The scanner is banned once it has sent BURST + 100 messages over the limit, well inside the flood.
        await("the flooding source is banned").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> bounds.sample(endpoint) && endpoint.abuseCounters().bannedDrops() >= 200);
        assertThat(sipp.isAlive()).as("the flood is still running when the trunk calls").isTrue();

        send(trunk, invite("trunk-call@127.0.0.1", "z9hG4bK-trunk-1"));
        SipResponse answer = receiveFinal(trunk);
        boolean floodStillRunning = sipp.isAlive();

        await("sipp finished the flood").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> bounds.sample(endpoint) && !sipp.isAlive());
        String sippOutput = Files.readString(folder.resolve("sipp.log"), StandardCharsets.ISO_8859_1);
        assertThat(sipp.exitValue()).as("sipp sent all %d INVITEs:%n%s", FLOOD_CALLS, sippOutput).isZero();
        // Every flood datagram that reached the socket is accounted for: passed to the user agent,
        // answered 503, or dropped unread because its source is banned (the trunk's INVITE adds one).
        await("95 % of the flood counted").atMost(Duration.ofSeconds(5))
                .until(() -> accounted() >= FLOOD_CALLS * 95L / 100);
        bounds.sample(endpoint);

        assertThat(answer.statusCode()).as("the trusted trunk's call during the flood").isEqualTo(200);
        assertThat(floodStillRunning).as("the trunk was answered before the flood ended").isTrue();
        assertThat(trunkCalls.get()).isEqualTo(1);
        AbuseCounters counters = endpoint.abuseCounters();
        long floodRequests = endpoint.counters().requests() - 1;
        assertThat(floodRequests).as("INVITEs from the flooding source that reached the user agent")
                .isBetween((long) BURST, BURST + 30L);
        assertThat(floodCalls.get()).isLessThanOrEqualTo((int) floodRequests);
        assertThat(counters.bans()).isEqualTo(1);
        assertThat(counters.answeredRateLimited()).isGreaterThanOrEqualTo(99);
        assertThat(counters.bannedDrops()).isGreaterThan(FLOOD_CALLS * 8L / 10);
        assertThat(counters.callsOverCapacity()).isZero();
        assertThat(endpoint.counters().handlerErrors()).isZero();
        // Bounded state, sampled every 20 ms while the flood ran: one tracked source (the trunk is not
        // tracked) and no more call legs than INVITEs let through.
        assertThat(bounds.maxTrackedSources).isEqualTo(1);
        assertThat(bounds.maxActiveLegs).isLessThanOrEqualTo(BURST + 30 + 1);
        assertThat(bounds.samples).isGreaterThan(10);
    }

    /** The largest values seen of what Candor keeps per source and per call. */
    private static final class Bounds {
        int maxTrackedSources;
        int maxActiveLegs;
        int samples;

        boolean sample(SipEndpoint endpoint) {
            maxTrackedSources = Math.max(maxTrackedSources, endpoint.abuseCounters().trackedSources());
            maxActiveLegs = Math.max(maxActiveLegs, endpoint.activeLegs());
            samples++;
            return true;
        }
    }

    private Process startFlood() throws IOException {
        Path scenario = folder.resolve("flood-invite.xml");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sipp/flood-invite.xml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        int sippPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            sippPort = s.getLocalPort();
        }
        return new ProcessBuilder("sipp", "127.0.0.1:" + endpoint.localAddress().getPort(), "-sf", scenario.toString(),
                "-i", "127.0.0.2", "-p", Integer.toString(sippPort), "-s", "candor",
                "-r", Integer.toString(FLOOD_RATE), "-m", Integer.toString(FLOOD_CALLS), "-nr",
                "-nostdin", "-timeout", "20s", "-timeout_error", "-trace_err")
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sipp.log").toFile()).start();
    }

    private long accounted() {
        AbuseCounters c = endpoint.abuseCounters();
        return endpoint.counters().requests() + c.answeredRateLimited() + c.bannedDrops();
    }

    private void send(DatagramSocket from, String text) throws IOException {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(bytes, bytes.length, endpoint.localAddress()));
    }

    private static SipResponse receiveFinal(DatagramSocket socket) throws IOException {
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
