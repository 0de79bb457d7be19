package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.TurnRow;
import dev.candor.speech.audio.PcmAudio;
import dev.candor.speech.audio.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Barge-in end to end: a caller speaks (a recorded fixture, sent over RTP) while the greeting plays;
 * Candor's audio must go silent within 200 ms of speech onset plus one frame, and the greeting is
 * stored as interrupted with the part actually played.
 */
class BargeInIT {
    private static final String FIXTURE = "overlap-stop-person.wav";

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void callerSpeakingOverTheGreetingSilencesCandorWithin200ms() throws Exception {
        PcmAudio speech;
        try (InputStream in = BargeInIT.class.getResourceAsStream("/fixtures/audio/" + FIXTURE)) {
            speech = WavReader.read(in);
        }
        int onsetMillis = manifestStartMillis(FIXTURE);
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10)) {
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "6000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            // Wait until the greeting is clearly playing, then talk over it.
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.audioFrames(8).stream()
                    .filter(f -> Signals.rms(f) > 500).count() >= 10);
            long[] sentAt = caller.sendSpeech(speech.samples(), 8);
            long onsetNanos = sentAt[onsetMillis / 20];

            List<RtpPeer.Received> after = caller.received().stream()
                    .filter(r -> r.arrivalNanos() >= onsetNanos).toList();
            int silentFrom = firstOfSilentRun(after, 25);
            assertThat(silentFrom).as("Candor's audio goes silent after the caller starts speaking").isNotNegative();
            double delayMillis = (after.get(silentFrom).arrivalNanos() - onsetNanos) / 1e6;
            System.out.printf("barge-in: Candor silent %.0f ms after the caller's speech onset%n", delayMillis);
            assertThat(delayMillis).as("ms from speech onset to Candor's silence").isLessThanOrEqualTo(220);

            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();
            CallStore store = candor.callStore();
            String callId = store.recentCalls(1).get(0).id();
            await().atMost(Duration.ofSeconds(5)).until(() -> store.turns(callId).stream()
                    .anyMatch(t -> t.endedAt().isPresent()));
            TurnRow greeting = store.turns(callId).get(0);
            assertThat(greeting.interrupted()).isTrue();
            assertThat(greeting.text()).as("the part of the greeting actually played").startsWith("Hello")
                    .doesNotEndWith("press 0.");
            assertThat(store.decisions(callId)).anySatisfy(d -> assertThat(d.kind()).isEqualTo("barge_in"));
        }
    }

    /** Index of the first packet that starts a run of {@code n} silent ones; -1 when there is none. */
    private static int firstOfSilentRun(List<RtpPeer.Received> packets, int n) {
        int run = 0;
        for (int i = 0; i < packets.size(); i++) {
            byte[] payload = packets.get(i).packet().payload();
            short[] pcm = dev.candor.telephony.media.G711.Law.A_LAW.decode(payload, 0, payload.length);
            run = Signals.rms(pcm) < 50 ? run + 1 : 0;
            if (run == n) {
                return i - n + 1;
            }
        }
        return -1;
    }

    private static int manifestStartMillis(String file) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BargeInIT.class.getResourceAsStream("/fixtures/audio/MANIFEST.tsv"), StandardCharsets.UTF_8))) {
            return in.lines().map(l -> l.split("\t")).filter(f -> f[0].equals(file))
                    .mapToInt(f -> Integer.parseInt(f[3])).findFirst().orElseThrow();
        }
    }
}
