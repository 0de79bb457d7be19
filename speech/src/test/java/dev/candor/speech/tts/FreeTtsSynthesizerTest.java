package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real FreeTTS kevin16 voice, headless, captured in memory. */
class FreeTtsSynthesizerTest extends SpeechSynthesizerContract {

    private FreeTtsSynthesizer synthesizer;

    @BeforeAll
    void allocateVoice() {
        synthesizer = new FreeTtsSynthesizer("kevin16", 0, 8000);
    }

    @AfterAll
    void closeVoice() {
        synthesizer.close();
    }

    @Override
    protected SpeechSynthesizer synthesizer() {
        return synthesizer;
    }

    @Test
    void twoThreadsSynthesisingAtOnceGetTheSameAudioAsOneAtATime() throws Exception {
        String other = "Thanks for calling, how can I help?";
        short[] helloAlone = synthesizer.synthesize(HELLO);
        short[] otherAlone = synthesizer.synthesize(other);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<short[]> hello = pool.submit(() -> afterLatch(start, HELLO));
            Future<short[]> thanks = pool.submit(() -> afterLatch(start, other));
            start.countDown();

            assertThat(hello.get(60, TimeUnit.SECONDS)).isEqualTo(helloAlone);
            assertThat(thanks.get(60, TimeUnit.SECONDS)).isEqualTo(otherAlone);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowerRateGivesLongerSpeech() {
        try (FreeTtsSynthesizer slow = new FreeTtsSynthesizer("kevin16", 80, 8000)) {
            assertThat(slow.synthesize(HELLO).length)
                    .isGreaterThan(synthesizer.synthesize(HELLO).length * 5 / 4);
        }
    }

    @Test
    void canProduceSixteenKilohertzToo() {
        try (FreeTtsSynthesizer wide = new FreeTtsSynthesizer("kevin16", 0, 16_000)) {
            short[] pcm = wide.synthesize(HELLO);

            assertThat(wide.sampleRateHz()).isEqualTo(16_000);
            assertThat(pcm.length).isBetween(
                    synthesizer.synthesize(HELLO).length * 2 - 2, synthesizer.synthesize(HELLO).length * 2 + 2);
        }
    }

    @Test
    void sentenceBySentenceAudioAddsUpToAboutTheWholeReply() {
        String reply = "Thanks for calling. The premium plan costs 3.5 dollars a day. Shall I book a call?";
        java.util.List<short[]> chunks = new java.util.ArrayList<>();

        assertThat(synthesizer.synthesizeStreaming(reply, sentence -> chunks.add(sentence.pcm()))).isTrue();

        int whole = synthesizer.synthesize(reply).length;
        int streamed = chunks.stream().mapToInt(c -> c.length).sum();
        assertThat(chunks).hasSize(3).allSatisfy(c -> assertThat(rms(c, 0, c.length)).isGreaterThan(300.0));
        assertThat((double) streamed).isBetween(whole * 0.8, whole * 1.2);
    }

    @Test
    void unknownVoiceFailsNamingTheVoice() {
        assertThatThrownBy(() -> new FreeTtsSynthesizer("no-such-voice", 0, 8000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-voice")
                .hasMessageContaining("kevin16");
    }

    @Test
    void closedSynthesizerRefusesToSpeak() {
        FreeTtsSynthesizer closing = new FreeTtsSynthesizer("kevin16", 150, 8000);
        closing.close();

        assertThatThrownBy(() -> closing.synthesize(HELLO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kevin16");
    }

    private short[] afterLatch(CountDownLatch start, String text) throws InterruptedException {
        start.await();
        return synthesizer.synthesize(text);
    }
}
