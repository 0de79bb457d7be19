package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hold and resume by re-INVITE (RFC 3264 §8.4): a sipp caller offers a=sendonly, Candor answers
 * a=recvonly and stops sending RTP; the caller offers a=sendrecv again and the audio comes back.
 */
class HoldIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        assumeTrue(Sipp.installed() || System.getenv("CI") != null, "sipp (Debian sip-tester) is not installed");
    }

    @Test
    void candorStopsSendingWhileHeldAndResumesWhenTheCallerResumes() throws Exception {
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10)) {
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-holds.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            // The scenario answers its own checks: recvonly to the hold, sendrecv to the resume.
            assertThat(callerPhone.await(30)).as(callerPhone.output()).isZero();

            List<Long> arrivals = caller.received().stream().map(RtpPeer.Received::arrivalNanos).toList();
            assertThat(arrivals).hasSizeGreaterThan(100);
            long longestGapMillis = 0;
            long gapEnd = 0;
            for (int i = 1; i < arrivals.size(); i++) {
                long gap = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
                if (gap > longestGapMillis) {
                    longestGapMillis = gap;
                    gapEnd = arrivals.get(i);
                }
            }
            // On hold for about two seconds: nothing sent, then audio again after the resume.
            assertThat(longestGapMillis).as("silence while on hold, ms").isBetween(1500L, 3000L);
            long resumedAt = gapEnd;
            assertThat(arrivals.stream().filter(t -> t >= resumedAt).count())
                    .as("packets after the resume").isGreaterThan(50);
        }
    }
}
