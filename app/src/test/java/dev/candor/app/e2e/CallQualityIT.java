package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.MediaQuality;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The caller's RTCP reports about Candor's audio, and Candor's own reception figures, are stored with the call. */
class CallQualityIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        assumeTrue(Sipp.installed() || System.getenv("CI") != null, "sipp (Debian sip-tester) is not installed");
    }

    @Test
    void theCallersReceiverReportAndOurReceptionAreStoredPerCall() throws Exception {
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10)) {
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "4000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.startTone(300); // the caller's audio, for Candor's reception figures
            CallStore store = candor.callStore();
            String callId = store.recentCalls(1).get(0).id();

            caller.sendReceiverReport(64, 12, 80); // 25 % lost, 12 packets, 10 ms of jitter at 8 kHz
            await().atMost(Duration.ofSeconds(5)).until(() -> store.mediaQuality(callId).remoteReports() >= 1);
            MediaQuality reported = store.mediaQuality(callId);
            assertThat(reported.remoteFractionLost()).hasValueSatisfying(f -> assertThat(f).isCloseTo(0.25, within(0.01)));
            assertThat(reported.remoteCumulativeLost()).contains(12L);
            assertThat(reported.remoteJitterMillis()).hasValueSatisfying(j -> assertThat(j).isCloseTo(10.0, within(0.5)));

            assertThat(callerPhone.await(30)).as(callerPhone.output()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> store.mediaQuality(callId).receivedPackets().isPresent());
            assertThat(store.mediaQuality(callId).receivedPackets()).hasValueSatisfying(n -> assertThat(n).isGreaterThan(50));
        }
    }
}
