package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.auth.DigestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candor's outbound call through a sipp trunk that challenges the INVITE with 407 (fixture
 * {@code trunk-invite-407.xml}): Candor ACKs the 407, sends the INVITE again with Proxy-Authorization
 * that sipp verifies, the call is answered and ended by the trunk. Skipped when sipp is not installed.
 */
class TrunkInviteSippTest {
    @TempDir
    Path folder;

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(6_000); // below the ephemeral ports
    private final MediaClock clock = MediaClock.start();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private SipEndpoint endpoint;
    private Process sipp;

    @AfterEach
    void stop() {
        if (sipp != null && sipp.isAlive()) {
            sipp.destroyForcibly();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        clock.close();
        callbacks.shutdownNow();
    }

    @Test
    void anInviteChallengedWith407IsSentAgainWithCredentialsAndTheCallIsAnswered() throws Exception {
        assumeTrue(sippInstalled(), "sipp is not installed (apt-get install sip-tester)");
        int trunkPort = freeUdpPort();
        Path scenario = folder.resolve("trunk-invite-407.xml");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sipp/trunk-invite-407.xml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        sipp = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", Integer.toString(trunkPort),
                "-m", "1", "-d", "1000", "-key", "callee_rtp_port", Integer.toString(freeUdpPort()), "-nostdin",
                "-timeout", "30s", "-timeout_error", "-trace_err")
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sipp.log").toFile()).start();
        endpoint = SipEndpoint.start(new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 199, 4096,
                List.of(AudioCodec.PCMU)), clock, callbacks, leg -> {
                    leg.reject(480);
                    return new CallLegListener() { };
                });
        endpoint.setTrunkCredentials(new DigestClient("candor", "trunk-pw", new SecureRandom()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> portTaken(trunkPort));

        CompletableFuture<CallLeg> answered = new CompletableFuture<>();
        CompletableFuture<EndReason> ended = new CompletableFuture<>();
        endpoint.call("sip:+15550100@127.0.0.1:" + trunkPort, "candor", new CallLegListener() {
            @Override
            public void onEstablished(CallLeg leg) {
                answered.complete(leg);
            }

            @Override
            public void onEnded(CallLeg leg, EndReason reason) {
                ended.complete(reason);
            }
        }, Duration.ofSeconds(10));

        CallLeg leg;
        try {
            leg = answered.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not answered; sipp said: " + sippOutput(), e);
        }
        assertThat(leg.remoteUri()).contains("+15550100");
        assertThat(ended.get(15, TimeUnit.SECONDS)).isEqualTo(EndReason.REMOTE_HANGUP);
        assertThat(sipp.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(sipp.exitValue()).as(sippOutput()).isZero();
    }

    private String sippOutput() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                b.append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return b.toString();
    }

    private static boolean portTaken(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    private static boolean sippInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "sipp"))) {
                return true;
            }
        }
        return false;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
