package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Speaker;
import dev.candor.app.storage.TurnRow;
import dev.candor.speech.audio.PcmAudio;
import dev.candor.speech.audio.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A language model's streamed reply on a real call: the first sentence is synthesised and played to
 * the caller while the model is still writing the second, which follows when it arrives; a caller who
 * talks over the reply stops the rest of it.
 */
class StreamedReplyIT {
    private static final String QUESTION = "do you have a free trial";
    private static final String GREETING_END = "What can I help you with?";

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        assumeTrue(Sipp.installed() || System.getenv("CI") != null, "sipp (Debian sip-tester) is not installed");
    }

    /** Candor with the stub as its language model, a sipp caller on the line, the greeting heard. */
    private record Call(CandorApplication candor, RtpPeer caller, Sipp phone, CallStore store, String callId)
            implements AutoCloseable {
        boolean candorSaid(String text) {
            return StreamedReplyIT.candorSaid(store, callId, text);
        }

        /** The caller asks {@link #QUESTION} (a tone the test recognizer hears) and Candor starts {@code reply}. */
        void ask(String reply) {
            caller.startTone(700);
            await().atMost(Duration.ofSeconds(15)).until(() -> candorSaid(reply));
            caller.stopTone();
        }

        @Override
        public void close() {
            caller.close();
            candor.close();
        }
    }

    private Call call(StreamingLlmStub model, String... phrases) throws Exception {
        CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10,
                Optional.of(ToneHearingRecognizer.hearing(phrases)), "dialog.llm.provider=openai",
                "dialog.llm.base-url=" + model.baseUrl(), "dialog.llm.model=stub", "dialog.retrieval=keyword",
                "dialog.llm.timeout-millis=8000");
        RtpPeer caller = new RtpPeer();
        Sipp phone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "20000",
                "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
        CallStore store = candor.callStore();
        await().atMost(Duration.ofSeconds(15)).until(() -> !store.recentCalls(1).isEmpty());
        String callId = store.recentCalls(1).get(0).id();
        await().atMost(Duration.ofSeconds(15)).until(() -> candorSaid(store, callId, GREETING_END));
        return new Call(candor, caller, phone, store, callId);
    }

    @Test
    void theFirstSentencePlaysWhileTheModelWritesTheRest() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (StreamingLlmStub model = new StreamingLlmStub()) {
            model.enqueue("Hi, thanks for calling. ", GREETING_END)
                    .enqueue(List.of("Yes, every plan ", "has a free trial. ", "It "), gate, List.of("lasts fourteen days."));
            try (Call call = call(model, QUESTION)) {
                call.ask("Yes, every plan has a free trial.");
                int framesBefore = call.caller().audioFrames(8).size();

                // The first sentence is played to the caller while the model has not finished the reply.
                await().atMost(Duration.ofSeconds(10)).until(() -> loudFrames(call.caller(), framesBefore) >= 25);
                assertThat(call.candorSaid("It lasts fourteen days.")).isFalse();
                TurnRow first = call.store().turns(call.callId()).stream()
                        .filter(t -> t.text().equals("Yes, every plan has a free trial.")).findFirst().orElseThrow();
                assertThat(call.store().latency(first.id()).decided()).isPresent();

                gate.countDown();
                await().atMost(Duration.ofSeconds(15)).until(() -> call.candorSaid("It lasts fourteen days."));
                assertThat(call.store().decisions(call.callId()))
                        .noneSatisfy(d -> assertThat(d.kind()).isEqualTo("llm_fallback"));
                call.phone().await(40);
            }
        }
    }

    @Test
    void aCallerWhoSpeaksOverAStreamedReplyStopsTheRestOfIt() throws Exception {
        PcmAudio speech;
        try (InputStream in = StreamedReplyIT.class.getResourceAsStream("/fixtures/audio/overlap-stop-person.wav")) {
            speech = WavReader.read(in);
        }
        CountDownLatch gate = new CountDownLatch(1);
        try (StreamingLlmStub model = new StreamingLlmStub()) {
            model.enqueue("Hi, thanks for calling. ", GREETING_END)
                    .enqueue(List.of("Yes, every plan has a free trial, and you can start it from the sign-up page. ",
                            "It "), gate, List.of("lasts fourteen days."));
            try (Call call = call(model, QUESTION, "how long is it")) {
                CallStore store = call.store();
                call.ask("from the sign-up page.");
                int framesBefore = call.caller().audioFrames(8).size();
                await().atMost(Duration.ofSeconds(10)).until(() -> loudFrames(call.caller(), framesBefore) >= 10);

                call.caller().sendSpeech(speech.samples(), 8); // talks over the first sentence
                call.caller().startTone(700); // and goes on: "how long is it"
                await().atMost(Duration.ofSeconds(15)).until(() -> store.turns(call.callId()).stream()
                        .anyMatch(t -> t.text().equals("how long is it")));
                call.caller().stopTone();
                gate.countDown(); // the model finishes its first reply only now

                // The caller's words are the next turn: nothing is scripted for it, so the built-in policy
                // answers (llm_fallback). By then the stale end of the streamed reply has come and gone.
                await().atMost(Duration.ofSeconds(20)).until(() -> store.decisions(call.callId()).stream()
                        .anyMatch(d -> d.kind().equals("llm_fallback")));
                assertThat(call.candorSaid("It lasts fourteen days.")).isFalse();
                // The interrupted sentence is stored with the part the caller actually heard.
                List<TurnRow> turns = store.turns(call.callId());
                assertThat(turns).as(turns.toString())
                        .filteredOn(t -> t.speaker() == Speaker.CANDOR && t.text().startsWith("Yes,"))
                        .singleElement().satisfies(t -> {
                            assertThat(t.interrupted()).isTrue();
                            assertThat(t.text()).doesNotEndWith("from the sign-up page.");
                        });
                call.phone().await(40);
            }
        }
    }

    /** Frames of speech (not silence) Candor sent after the first {@code skip} (PCMA, as sipp negotiates). */
    private static long loudFrames(RtpPeer caller, int skip) {
        List<short[]> frames = caller.audioFrames(8);
        return frames.subList(Math.min(skip, frames.size()), frames.size()).stream()
                .filter(f -> Signals.rms(f) > 300).count();
    }

    private static boolean candorSaid(CallStore store, String callId, String text) {
        return store.turns(callId).stream().anyMatch(t -> t.speaker() == Speaker.CANDOR && t.text().endsWith(text));
    }
}
