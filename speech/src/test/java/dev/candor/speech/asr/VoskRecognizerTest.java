package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoskRecognizerTest {

    private static final short[] FRAME = new short[160]; // 20 ms at 8 kHz

    private final ScriptedVoskEngine engine = new ScriptedVoskEngine();
    private final VoskRecognizer recognizer = new VoskRecognizer(engine, 8000, new VoskJson());

    @Test
    void reportsAPartialOnlyWhenItsTextChanges() {
        engine.partial("hel").partial("hel").partial("hello");

        assertThat(recognizer.accept(FRAME)).containsExactly(new RecognitionEvent.Partial("hel"));
        assertThat(recognizer.accept(FRAME)).isEmpty();
        assertThat(recognizer.accept(FRAME)).containsExactly(new RecognitionEvent.Partial("hello"));
    }

    @Test
    void reportsAFinalWhenVoskEndsTheUtterance() {
        engine.partial("yes").result(
                "{\"result\":[{\"conf\":0.5,\"start\":0.1,\"end\":0.3,\"word\":\"yes\"}],\"text\":\"yes\"}");

        recognizer.accept(FRAME);
        List<RecognitionEvent> events = recognizer.accept(FRAME);

        assertThat(events)
                .containsExactly(
                        new RecognitionEvent.Final("yes", 0.5, 100, 300, List.of(new Word("yes", 0.5, 100, 300))));
    }

    @Test
    void aFinalWithoutWordTimesIsStampedFromTheSamplesFed() {
        engine.result("{\"text\":\"one\"}").partial("").result("{\"text\":\"two\"}");

        List<RecognitionEvent> first = recognizer.accept(FRAME);
        recognizer.accept(FRAME);
        List<RecognitionEvent> second = recognizer.accept(FRAME);

        assertThat(first).containsExactly(new RecognitionEvent.Final("one", 0, 0, 20, List.of()));
        assertThat(second).containsExactly(new RecognitionEvent.Final("two", 0, 20, 60, List.of()));
        assertThat(recognizer.mediaTimeMillis()).isEqualTo(60);
    }

    @Test
    void aPartialRepeatedAfterAFinalIsReportedAgain() {
        engine.partial("no").result("{\"text\":\"no\"}").partial("no");

        recognizer.accept(FRAME);
        recognizer.accept(FRAME);

        assertThat(recognizer.accept(FRAME)).containsExactly(new RecognitionEvent.Partial("no"));
    }

    @Test
    void finishReturnsTheRestAsAFinal() {
        engine.partial("good bye").finalResultOnFinish("{\"text\":\"good bye\"}");
        recognizer.accept(FRAME);

        assertThat(recognizer.finish())
                .containsExactly(new RecognitionEvent.Final("good bye", 0, 0, 20, List.of()));
    }

    @Test
    void finishWithNothingHeardReturnsNoEvent() {
        assertThat(recognizer.finish()).isEmpty();
    }

    @Test
    void feedsSamplesAsLittleEndianBytes() {
        recognizer.accept(new short[] {0x1234, -2});

        assertThat(engine.received()).containsExactly(0x34, 0x12, 0xfe, 0xff);
    }

    @Test
    void closeFreesTheEngineAndLaterCallsFail() {
        recognizer.close();

        assertThat(engine.closed()).isTrue();
        assertThatThrownBy(() -> recognizer.accept(FRAME)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(recognizer::finish).isInstanceOf(IllegalStateException.class);
    }
}
