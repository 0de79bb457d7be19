package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.ua.TrunkRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sipp as the trunk's registrar (fixture {@code trunk-registrar-digest.xml}): it challenges Candor's
 * REGISTER with 401, verifies the Digest answer and accepts, over UDP and over TCP ({@code -t t1});
 * when Candor shuts down it removes the binding the same way.
 * Skipped when sipp is not installed.
 */
class TrunkRegistrationSippTest {
    @TempDir
    Path folder;

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
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

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void candorRegistersAtASippTrunkThatChallengesWith401(String transport) throws Exception {
        TrunkRegistration.Status status = registerWithPassword(transport, "trunk-pw");

        assertThat(status.state()).isEqualTo(TrunkRegistration.State.REGISTERED);
        assertThat(status.registeredUntil()).hasValueSatisfying(until ->
                assertThat(until).isAfter(Instant.now().plusSeconds(3500)));

        // Shutting down removes the binding: sipp expects a REGISTER with Expires: 0, challenges it and
        // checks the credentials again; it exits 0 only if all of that happened.
        endpoint.close();
        endpoint = null;
        assertThat(sipp.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sipp.exitValue()).as(sippOutput()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp"})
    void aWrongPasswordLeavesTheRegistrationFailedWithTheTrunksAnswer(String transport) throws Exception {
        TrunkRegistration.Status status = registerWithPassword(transport, "wrong-pw");

        assertThat(status.state()).isEqualTo(TrunkRegistration.State.FAILED);
        assertThat(status.lastError()).contains("403 Forbidden");
        assertThat(status.registeredUntil()).isEmpty();
    }

    private TrunkRegistration.Status registerWithPassword(String transport, String password) throws Exception {
        assumeTrue(sippInstalled(), "sipp is not installed (apt-get install sip-tester)");
        int trunkPort = freeTcpPort();
        startSipp(trunkPort, transport);
        endpoint = SipEndpoint.start(new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 9, 4096,
                List.of(AudioCodec.PCMU)), clock, callbacks, leg -> {
                    leg.reject(480);
                    return new CallLegListener() { };
                });
        endpoint.setTrunkCredentials(new DigestClient("candor", password, new SecureRandom()));
        String registrar = "sip:127.0.0.1:" + trunkPort + (transport.equals("tcp") ? ";transport=tcp" : "");
        endpoint.registerAtTrunk(new TrunkRegistration.Settings(SipUri.of(registrar), "candor",
                Duration.ofSeconds(3600), Duration.ofMillis(500), Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(15)).until(() -> endpoint.trunkRegistration()
                .map(s -> s.state() == TrunkRegistration.State.REGISTERED || s.lastError().orElse("").contains("403"))
                .orElse(false));
        return endpoint.trunkRegistration().orElseThrow();
    }

    private void startSipp(int port, String transport) throws IOException {
        Path scenario = folder.resolve("trunk-registrar-digest.xml");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sipp/trunk-registrar-digest.xml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        sipp = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-m", "1", "-t", transport.equals("tcp") ? "t1" : "u1", "-nostdin", "-timeout", "30s",
                "-timeout_error", "-trace_err")
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sipp.log").toFile()).start();
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

    private static boolean sippInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "sipp"))) {
                return true;
            }
        }
        return false;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
