package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.DoNotCallStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the conversation decides reaches the database during the call: a caller who says "stop calling
 * me" is put on the do-not-call list with the reason, and a caller who names a time gets a stored
 * callback; the decisions (score, callback, do-not-call) are stored with their reasons.
 */
class DialogActionsIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        assumeTrue(Sipp.installed() || System.getenv("CI") != null, "sipp (Debian sip-tester) is not installed");
    }

    /** Calls Candor, waits for the greeting, then "says" {@code phrase} (a tone the test recognizer hears). */
    private String callAndSay(CandorApplication candor, String phrase, String scenario) throws Exception {
        return callAndSay(candor, phrase, scenario, callId -> { });
    }

    /** As above; {@code whenHeard} runs (with the call's id) as soon as Candor has heard {@code phrase}. */
    private String callAndSay(CandorApplication candor, String phrase, String scenario,
                              java.util.function.Consumer<String> whenHeard) throws Exception {
        try (RtpPeer caller = new RtpPeer()) {
            Sipp callerPhone = Sipp.start(tmp, "caller", scenario,
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "9000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.startTone(700);
            String callId = candor.callStore().recentCalls(1).get(0).id();
            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(15)).until(() -> store.turns(callId).stream()
                    .anyMatch(t -> t.text().equals(phrase)));
            caller.stopTone();
            whenHeard.accept(callId);
            callerPhone.await(30);
            return callId;
        }
    }

    @Test
    void stopCallingMePutsTheNumberOnTheDoNotCallListAndEndsTheCall() throws Exception {
        Path data = tmp.resolve("data");
        String phrase = "stop calling me";
        try (CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10,
                Optional.of(ToneHearingRecognizer.hearing(phrase)))) {
            CallStore store = candor.callStore();
            String callId = callAndSay(candor, phrase, "caller-hangs-up.xml", id -> {
                // Stored as soon as decided, while Candor is still saying so: a caller who hangs up on
                // the acknowledgement is not called again.
                await().atMost(Duration.ofSeconds(10)).until(() -> store.turns(id).stream()
                        .anyMatch(t -> t.speaker() == dev.candor.app.storage.Speaker.CANDOR
                                && t.text().startsWith("Understood.")));
                assertThat(store.turns(id)).filteredOn(t -> t.text().startsWith("Understood."))
                        .singleElement().satisfies(t -> assertThat(t.endedAt()).as("still speaking").isEmpty());
                assertThat(store.decisions(id)).extracting(d -> d.kind()).contains("do_not_call", "score");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> store.decisions(callId).stream()
                    .anyMatch(d -> d.kind().equals("end_call")));
            assertThat(store.decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("do_not_call");
                assertThat(d.reason()).contains("stop calling me");
            });
            assertThat(store.decisions(callId)).anySatisfy(d -> assertThat(d.kind()).isEqualTo("score"));
            // Candor's reply carries when each step happened, and the metrics count it.
            var turns = store.turns(callId);
            int heard = turns.stream().map(t -> t.text()).toList().indexOf(phrase);
            var reply = store.latency(turns.get(heard + 1).id());
            assertThat(reply.transcript()).isPresent();
            assertThat(reply.decided()).isPresent();
            assertThat(reply.synthesised()).isPresent();
            assertThat(reply.firstAudio()).isPresent();
            assertThat(reply.decided().get()).isAfterOrEqualTo(reply.transcript().get());
            assertThat(reply.firstAudio().get()).isAfterOrEqualTo(reply.synthesised().get());
            assertThat(reply.responseTime()).isPresent();
            try (Database db = Database.open(data)) {
                DoNotCallStore dnc = new DoNotCallStore(db);
                assertThat(dnc.contains("sip:+15550100002@example.net")).as("the caller's number").isTrue();
                assertThat(dnc.contains("sip:+15550100003@example.net")).as("another number").isFalse();
            }
        }
    }

    @Test
    void aCallerWhoHangsUpKeepsTheirQualificationAndScore() throws Exception {
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10,
                     Optional.of(ToneHearingRecognizer.hearing("we need it for our sales team")))) {
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "3000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            callerPhone.await(30); // hangs up during the greeting
            CallStore store = candor.callStore();
            String callId = store.recentCalls(1).get(0).id();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.decisions(callId))
                    .extracting(d -> d.kind()).contains("qualification", "score"));
            assertThat(store.recentCalls(1).get(0).endReason()).contains("remote_hangup");
            assertThat(store.decisions(callId)).filteredOn(d -> d.kind().equals("score")).singleElement()
                    .satisfies(d -> assertThat(d.detailsJson()).contains("reasons"));
        }
    }

    @Test
    void aCallerWhoNamesATimeGetsAStoredCallback() throws Exception {
        Path data = tmp.resolve("data");
        String phrase = "can you call me back tomorrow at 3 pm";
        try (CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10,
                Optional.of(ToneHearingRecognizer.hearing(phrase)))) {
            String callId = callAndSay(candor, phrase, "caller-hangs-up.xml");
            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.decisions(callId).stream()
                    .anyMatch(d -> d.kind().equals("callback_scheduled")));
            CallbackStore callbacks = candor.callbackStore();
            assertThat(callbacks.pending(10)).anySatisfy(c -> {
                assertThat(c.callId()).contains(callId);
                assertThat(c.phoneUri()).contains("+15550100002");
                assertThat(c.dueAt()).isAfter(java.time.Instant.now());
            });
        }
    }

    @Test
    void aCallerWhoSpeaksWithoutSpeechRecognitionIsHandedToAPerson() throws Exception {
        Path data = tmp.resolve("data");
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10)) {
            assertThat(candor.speechRecognitionAvailable()).isFalse();
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "8000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.audioFrames(8).stream()
                    .filter(f -> Signals.rms(f) > 500).count() >= 10);
            String callId = candor.callStore().recentCalls(1).get(0).id();
            // The caller talks (a recorded utterance, then the silence a phone keeps sending).
            short[] utterance;
            try (java.io.InputStream in = DialogActionsIT.class.getResourceAsStream(
                    "/fixtures/audio/question-opening-hours.wav")) {
                utterance = dev.candor.speech.audio.WavReader.read(in).samples();
            }
            short[] talkThenSilence = java.util.Arrays.copyOf(utterance, utterance.length + 8000 * 2);
            caller.sendSpeech(talkThenSilence, 8); // caller-hangs-up.xml offers PCMA first
            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.decisions(callId))
                    .as("decisions; turns: %s", store.turns(callId)).extracting(d -> d.kind()).contains("handoff"));
            assertThat(store.decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("handoff");
                assertThat(d.reason()).isEqualTo("asr_unavailable");
            });
            assertThat(store.turns(callId)).extracting(t -> t.text())
                    .contains("I can't understand speech on this line, so I'm connecting you to a person.");
            callerPhone.await(30);
        }
    }
}
