package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-only double must keep the same contract as the real recognizer. */
class ScriptedRecognizerTest extends SpeechRecognizerContract {

    private static final List<ScriptedRecognizer.Line> SCRIPT =
            List.of(
                    new ScriptedRecognizer.Line("hello there", 0.9, 200, 800),
                    new ScriptedRecognizer.Line("buy a car", 0.7, 1000, 1400));

    @Override
    protected SpeechRecognizer newRecognizer() {
        return new ScriptedRecognizer(8000, SCRIPT);
    }

    @Override
    protected short[] speech() {
        return new short[12_000]; // 1.5 s
    }

    @Test
    void hearsThePartialThenTheFinalAtTheScriptedTimes() {
        List<RecognitionEvent> events = recognise(speech());

        assertThat(events)
                .containsExactly(
                        new RecognitionEvent.Partial("hello"),
                        new RecognitionEvent.Final("hello there", 0.9, 200, 800,
                                List.of(new Word("hello", 0.9, 200, 500), new Word("there", 0.9, 500, 800))),
                        new RecognitionEvent.Partial("buy"),
                        new RecognitionEvent.Final("buy a car", 0.7, 1000, 1400,
                                List.of(new Word("buy", 0.7, 1000, 1133), new Word("a", 0.7, 1133, 1266),
                                        new Word("car", 0.7, 1266, 1399))));
    }

    @Test
    void finishEndsTheUtteranceInProgressAtTheMediaTimeFed() {
        List<RecognitionEvent> events = recognise(new short[4000]); // 500 ms

        assertThat(finals(events))
                .singleElement()
                .satisfies(heard -> {
                    assertThat(heard.text()).isEqualTo("hello there");
                    assertThat(heard.endMillis()).isEqualTo(500);
                });
    }
}
