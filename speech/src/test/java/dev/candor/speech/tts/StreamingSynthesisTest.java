package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sentence-by-sentence synthesis, measured with synthesizer doubles that count and hold calls. */
class StreamingSynthesisTest {

    private static final String REPLY = "Thanks for calling Candor. The premium plan costs 3.5 dollars a day. "
            + "Would you like Mr. Jones to call you back?";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void theFirstSentenceIsDeliveredBeforeTheSecondIsSynthesised() {
        CountingSynthesizer synthesizer = new CountingSynthesizer();
        List<Integer> callsWhenDelivered = new ArrayList<>();
        List<String> delivered = new ArrayList<>();

        boolean complete = synthesizer.synthesizeStreaming(REPLY, sentence -> {
            callsWhenDelivered.add(synthesizer.calls());
            delivered.add(sentence.text());
            return true;
        });

        assertThat(complete).isTrue();
        assertThat(callsWhenDelivered).containsExactly(1, 2, 3);
        assertThat(delivered).containsExactly("Thanks for calling Candor.",
                "The premium plan costs 3.5 dollars a day.", "Would you like Mr. Jones to call you back?");
        assertThat(synthesizer.texts()).isEqualTo(delivered);
    }

    @Test
    void concatenatedSentencesCoverTheWholeText() {
        List<SentenceAudio> chunks = new ArrayList<>();

        new CountingSynthesizer().synthesizeStreaming(REPLY, chunks::add);

        // The double gives one sample per character; only the two spaces between sentences are gone.
        assertThat(chunks.stream().mapToInt(c -> c.pcm().length).sum()).isEqualTo(REPLY.length() - 2);
        assertThat(chunks).extracting(SentenceAudio::index).containsExactly(0, 1, 2);
        assertThat(chunks).extracting(SentenceAudio::last).containsExactly(false, false, true);
    }

    @Test
    void aSinkThatSaysStopPreventsFurtherSynthesis() {
        CountingSynthesizer synthesizer = new CountingSynthesizer();

        boolean complete = synthesizer.synthesizeStreaming(REPLY, sentence -> false);

        assertThat(complete).isFalse();
        assertThat(synthesizer.calls()).isEqualTo(1);
    }

    @Test
    void blankTextDeliversNothing() {
        CountingSynthesizer synthesizer = new CountingSynthesizer();

        assertThat(synthesizer.synthesizeStreaming("  ", sentence -> true)).isTrue();
        assertThat(synthesizer.calls()).isZero();
    }

    @Test
    void theFirstSentenceCanBePolledWhileTheSecondIsStillBeingSynthesised() throws Exception {
        SteppingSynthesizer synthesizer = new SteppingSynthesizer();
        SpeechStream stream = SpeechStream.start(synthesizer, REPLY, worker);
        assertThat(stream.poll()).as("nothing before the first synthesis finishes").isNull();

        synthesizer.allow(1);
        SentenceAudio first = stream.next(WAIT);

        assertThat(first.text()).isEqualTo("Thanks for calling Candor.");
        assertThat(first.pcm()).containsOnly((short) 1);
        assertThat(synthesizer.finished()).containsExactly("Thanks for calling Candor.");
        assertThat(stream.isEnded()).isFalse();

        synthesizer.allow(2);
        assertThat(stream.next(WAIT).pcm()).containsOnly((short) 2);
        assertThat(stream.next(WAIT).last()).isTrue();
        assertThat(stream.next(WAIT)).isNull();
        assertThat(stream.isEnded()).isTrue();
        assertThat(stream.failure()).isEmpty();
    }

    @Test
    void cancellingStopsSynthesisAfterTheSentenceInProgress() throws Exception {
        SteppingSynthesizer synthesizer = new SteppingSynthesizer();
        SpeechStream stream = SpeechStream.start(synthesizer, REPLY, worker);
        synthesizer.allow(1);
        assertThat(stream.next(WAIT)).isNotNull();

        stream.cancel();
        synthesizer.allow(2);

        assertThat(stream.next(WAIT)).as("the sentence in progress is dropped").isNull();
        assertThat(stream.isEnded()).isTrue();
        assertThat(synthesizer.started()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void anEngineFailureEndsTheStreamAndIsReported() throws Exception {
        CountingSynthesizer synthesizer = new CountingSynthesizer();
        synthesizer.failNextCall(new IllegalStateException("voice gone"));
        SpeechStream stream = SpeechStream.start(synthesizer, REPLY, worker);

        assertThat(stream.next(WAIT)).isNull();
        assertThat(stream.isEnded()).isTrue();
        assertThat(stream.failure()).get().extracting(Throwable::getMessage).isEqualTo("voice gone");
    }

    @Test
    void aSentenceNeedsTextAndANonNegativeIndex() {
        assertThatThrownBy(() -> new SentenceAudio(-1, "a", new short[0], true))
                .hasMessage("invalid sentence index: -1 (expected >= 0)");
    }
}
