package dev.candor.telephony.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sipp cancels a call while Candor lets it ring ({@code fixtures/sipp/caller-cancels.xml}): 200 to the
 * CANCEL, 487 to the INVITE, the caller's ACK absorbed by the INVITE server transaction and nothing
 * retransmitted after it; the leg ends as cancelled. Skipped without sipp.
 */
class SippCancelTest {
    @TempDir
    Path folder;

    private final int rtpMin = 20_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
    private final MediaClock clock = MediaClock.start();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private SipEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        clock.close();
        callbacks.shutdownNow();
    }

    @Test
    void aCallerWhoCancelsWhileItRingsGets487AndTheLegEnds() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sipp")) || Files.isExecutable(Path.of("/usr/local/bin/sipp")),
                "sipp is not installed (apt-get install sip-tester)");
        List<EndReason> ended = new CopyOnWriteArrayList<>();
        endpoint = SipEndpoint.start(new SipEndpointConfig("127.0.0.1", 0, "127.0.0.1", rtpMin, rtpMin + 9, 4096,
                List.of(AudioCodec.PCMU, AudioCodec.PCMA)), clock, callbacks, leg -> {
                    leg.ring(); // and never answers
                    return new CallLegListener() {
                        @Override
                        public void onEnded(CallLeg l, EndReason reason) {
                            ended.add(reason);
                        }
                    };
                });
        Path scenario = folder.resolve("caller-cancels.xml");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sipp/caller-cancels.xml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        int callerRtp;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            callerRtp = s.getLocalPort();
        }
        Process sipp = new ProcessBuilder("sipp", "127.0.0.1:" + endpoint.localAddress().getPort(),
                "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", Integer.toString(freeUdpPort()), "-m", "1",
                "-s", "sales", "-key", "caller_rtp_port", Integer.toString(callerRtp), "-nostdin",
                "-timeout", "30s", "-timeout_error", "-trace_err")
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sipp.log").toFile()).start();
        assertThat(sipp.waitFor(40, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(folder.resolve("sipp.log"), StandardCharsets.ISO_8859_1);
        String errors = Files.list(folder).filter(p -> p.getFileName().toString().endsWith("_errors.log"))
                .map(p -> {
                    try {
                        return Files.readString(p, StandardCharsets.ISO_8859_1);
                    } catch (java.io.IOException e) {
                        return e.toString();
                    }
                }).reduce("", String::concat);
        assertThat(sipp.exitValue()).as(output + errors).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> ended.contains(EndReason.CANCELLED));
        assertThat(endpoint.activeLegs()).isZero();
    }

    private static int freeUdpPort() throws java.net.SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
