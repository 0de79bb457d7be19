package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.auth.Binding;
import dev.candor.telephony.sip.auth.DigestAlgorithm;
import dev.candor.telephony.sip.auth.Registrar;
import dev.candor.telephony.sip.auth.RegistrarSettings;
import dev.candor.telephony.sip.auth.StoredCredential;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sipp, as an agent's phone, registers with Candor's registrar over real UDP with Digest (MD5: sipp
 * 3.6 has no SHA-256). Skipped when sipp is not installed.
 */
class RegistrarSippTest {
    private static final String REALM = "candor.test";

    @TempDir
    Path folder;

    // Below the ephemeral range (32768-60999), so sockets other tests bind cannot take these ports.
    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(6_000);
    private MediaClock clock;
    private ExecutorService callbacks;
    private SipEndpoint endpoint;
    private Registrar registrar;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(sippInstalled(), "sipp is not installed (apt-get install sip-tester)");
        clock = MediaClock.start();
        callbacks = Executors.newSingleThreadExecutor();
        SipEndpointConfig config = new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 199, 4096,
                List.of(AudioCodec.PCMU));
        endpoint = SipEndpoint.start(config, clock, callbacks, leg -> {
            leg.reject(480);
            return new CallLegListener() { };
        });
        registrar = new Registrar(RegistrarSettings.defaults(REALM).withAlgorithms(List.of(DigestAlgorithm.MD5)),
                List.of(StoredCredential.fromPassword("alice", REALM, "s3cret-pw")), Clock.systemUTC(),
                new SecureRandom());
        endpoint.setRegistrar(registrar);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
            clock.close();
            callbacks.shutdownNow();
        }
    }

    @Test
    void phoneWithTheRightPasswordRegistersAndLookupFindsItsContact() throws Exception {
        int phonePort = freeUdpPort();

        Result sipp = runSipp("alice", "s3cret-pw", phonePort);

        assertThat(sipp.exitCode()).as(sipp.output()).isZero();
        List<Binding> bindings = registrar.lookup("alice");
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).contact().toString()).isEqualTo("sip:alice@127.0.0.1:" + phonePort);
        assertThat(bindings.get(0).source().getPort()).isEqualTo(phonePort);
    }

    @Test
    void aCallToAUserOfTheRealmRingsThePhoneTheyRegistered() throws Exception {
        int phonePort = freeUdpPort();
        assertThat(runSipp("alice", "s3cret-pw", phonePort).exitCode()).isZero();

        // The same phone now waits for calls on the port it registered.
        Path scenario = folder.resolve("agent-uas.xml");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sipp/agent-uas.xml")) {
            Files.copy(in, scenario, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process phone = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-m", "1", "-i", "127.0.0.1",
                "-p", Integer.toString(phonePort), "-d", "500", "-key", "agent_rtp_port", Integer.toString(freeUdpPort()),
                "-nostdin", "-timeout", "20s", "-timeout_error").directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("phone.log").toFile()).start();
        java.util.concurrent.CompletableFuture<CallLeg> established = new java.util.concurrent.CompletableFuture<>();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
                try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), phonePort))) {
                    return false; // still free: sipp has not bound it yet
                } catch (java.net.SocketException bound) {
                    return true;
                }
            });
            endpoint.call("sip:alice@" + REALM, "candor", new CallLegListener() {
                @Override
                public void onEstablished(CallLeg leg) {
                    established.complete(leg);
                }
            }, java.time.Duration.ofSeconds(10));
            CallLeg leg = established.get(10, TimeUnit.SECONDS);
            assertThat(leg.remoteUri()).contains("alice");
            assertThat(phone.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(phone.exitValue()).as(Files.readString(folder.resolve("phone.log"))).isZero();
        } finally {
            phone.destroyForcibly();
        }
    }

    @Test
    void aCallToAUserWithNoRegisteredPhoneFailsAtOnceNamingTheUser() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> endpoint.call("sip:bob@" + REALM, "candor",
                        new CallLegListener() { }, java.time.Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no phone is registered for bob@" + REALM);
    }

    @Test
    void wrongPasswordAndUnknownUserAreBothRefusedAndNothingIsRegistered() throws Exception {
        Result wrong = runSipp("alice", "guess", freeUdpPort());
        Result unknown = runSipp("mallory", "guess", freeUdpPort());

        assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        assertThat(unknown.exitCode()).as(unknown.output()).isNotZero();
        assertThat(wrong.output()).contains("403");
        assertThat(unknown.output()).contains("403");
        assertThat(registrar.registeredUsers()).isEmpty();
        assertThat(registrar.rejected()).isEqualTo(2);
    }

    private record Result(int exitCode, String output) { }

    private Result runSipp(String user, String password, int localPort) throws IOException, InterruptedException {
        Path scenario = folder.resolve("phone-register-digest.xml");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sipp/phone-register-digest.xml")) {
            Files.copy(in, scenario, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = folder.resolve(user + "-" + localPort + ".log");
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + endpoint.localAddress().getPort(),
                "-sf", scenario.toString(), "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(localPort),
                "-s", user, "-au", user, "-ap", password, "-nostdin", "-timeout", "20s", "-timeout_error",
                "-recv_timeout", "5000", "-trace_err"));
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        StringBuilder output = new StringBuilder(Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1));
        try (var files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("_errors.log")).toList()) {
                output.append('\n').append(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
                Files.delete(p);
            }
        }
        return new Result(process.exitValue(), output.toString());
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
