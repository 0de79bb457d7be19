package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallRow;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Speaker;
import dev.candor.app.storage.TurnRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real softphone calls Candor: Debian's baresip, headless, dials Candor over UDP, negotiates G.711,
 * and writes what it hears to a WAV file. The test checks that file holds the spoken greeting, and
 * that the call reached Candor (a {@code calls} row, the greeting's turn) and ended when baresip
 * hung up.
 */
class SoftphoneIT {
    /** Level above which a 20 ms frame is taken as speech rather than silence or G.711 idle noise. */
    private static final double SPEECH_RMS = 500;

    @TempDir
    Path tmp;

    @BeforeAll
    static void baresipIsInstalled() {
        Baresip.assumeInstalled();
    }

    @Test
    void baresipCallsCandorAndHearsTheGreeting() throws Exception {
        try (CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10);
             Baresip phone = Baresip.dial(tmp, "softphone",
                     "sip:candor@127.0.0.1:" + candor.sipAddress().getPort())) {
            CallStore store = candor.callStore();

            // Candor answers and plays the whole greeting; the phone stays on the line meanwhile.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .failFast("baresip exited early:\n" + phone.output(), () -> !phone.alive())
                    .until(() -> greeting(store).flatMap(TurnRow::endedAt).isPresent());
            TurnRow greeting = greeting(store).orElseThrow();
            assertThat(greeting.text()).startsWith("Hello, you're talking to Northwind Test's AI assistant");
            assertThat(greeting.interrupted()).as("the greeting played to the end").isFalse();
            double greetingSeconds = Duration.between(greeting.startedAt(), greeting.endedAt().orElseThrow())
                    .toMillis() / 1000.0;

            // baresip hangs up and exits; Candor ends the call on its BYE.
            assertThat(phone.quit(30)).as("baresip exits after quit:\n" + phone.output()).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> store.recentCalls(1).get(0).endedAt().isPresent());
            CallRow call = store.recentCalls(1).get(0);
            assertThat(store.recentCalls(5)).hasSize(1);
            assertThat(call.fromUri()).startsWith("sip:softphone@127.0.0.1");
            assertThat(call.answeredAt()).isPresent();
            assertThat(call.endReason()).contains("remote_hangup");

            // What the phone heard: the greeting's length of audio, most of it speech-loud.
            Path heard = phone.heardFile().orElseThrow(() ->
                    new AssertionError("baresip wrote no decoded audio:\n" + phone.output()));
            Baresip.Pcm pcm = Baresip.readPcm(heard);
            assertThat(pcm.sampleRateHz()).isEqualTo(8000);
            assertThat(pcm.seconds()).as("seconds of audio the phone received")
                    .isGreaterThanOrEqualTo(greetingSeconds - 0.5);
            List<Double> levels = pcm.frameLevels();
            long speechFrames = levels.stream().filter(level -> level > SPEECH_RMS).count();
            assertThat(speechFrames * 0.02).as("seconds of speech-loud audio heard (greeting: %.1f s)", greetingSeconds)
                    .isGreaterThanOrEqualTo(Math.max(2.0, greetingSeconds * 0.4));
            assertThat(levels.stream().mapToDouble(Double::doubleValue).max().orElse(0))
                    .as("peak level (clipping would mean noise, not speech)").isBetween(1000.0, 32000.0);
        }
    }

    private static Optional<TurnRow> greeting(CallStore store) {
        return store.recentCalls(1).stream().findFirst()
                .flatMap(call -> store.turns(call.id()).stream().filter(t -> t.speaker() == Speaker.CANDOR).findFirst());
    }
}
