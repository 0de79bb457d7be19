package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SpeechRecognizer} must do. Real engines run it as {@code *IT} when their model
 * is present; test doubles as {@code *Test}.
 */
abstract class SpeechRecognizerContract {

    /** A fresh recognizer at 8 kHz. */
    protected abstract SpeechRecognizer newRecognizer();

    /** 8 kHz audio in which the recognizer under test hears at least one utterance. */
    protected abstract short[] speech();

    @Test
    void speechGivesAFinalWithTextAndTimesInsideTheAudio() {
        short[] audio = speech();
        long durationMillis = audio.length * 1000L / 8000;

        List<RecognitionEvent.Final> finals = finals(recognise(audio));

        assertThat(finals).isNotEmpty();
        for (RecognitionEvent.Final heard : finals) {
            assertThat(heard.text()).isNotBlank();
            assertThat(heard.confidence()).isBetween(0.0, 1.0);
            assertThat(heard.endMillis()).isLessThanOrEqualTo(durationMillis);
            for (int i = 1; i < heard.words().size(); i++) {
                assertThat(heard.words().get(i).startMillis())
                        .isGreaterThanOrEqualTo(heard.words().get(i - 1).startMillis());
            }
        }
        for (int i = 1; i < finals.size(); i++) {
            assertThat(finals.get(i).startMillis()).isGreaterThanOrEqualTo(finals.get(i - 1).startMillis());
        }
    }

    @Test
    void finishAloneGivesNoFinal() {
        try (SpeechRecognizer recognizer = newRecognizer()) {
            assertThat(recognizer.finish()).isEmpty();
        }
    }

    @Test
    void emptyFramesGiveNoEvents() {
        try (SpeechRecognizer recognizer = newRecognizer()) {
            assertThat(recognizer.accept(new short[0])).isEmpty();
        }
    }

    @Test
    void aClosedRecognizerRefusesAudioAndClosingAgainIsHarmless() {
        SpeechRecognizer recognizer = newRecognizer();
        recognizer.close();

        assertThatThrownBy(() -> recognizer.accept(new short[160]))
                .isInstanceOf(IllegalStateException.class);
        recognizer.close();
    }

    /** Feeds {@code pcm} in 20 ms frames, then finishes. */
    protected final List<RecognitionEvent> recognise(short[] pcm) {
        List<RecognitionEvent> events = new ArrayList<>();
        try (SpeechRecognizer recognizer = newRecognizer()) {
            for (int at = 0; at < pcm.length; at += 160) {
                events.addAll(
                        recognizer.accept(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 160))));
            }
            events.addAll(recognizer.finish());
        }
        return events;
    }

    protected static List<RecognitionEvent.Final> finals(List<RecognitionEvent> events) {
        return events.stream()
                .filter(RecognitionEvent.Final.class::isInstance)
                .map(RecognitionEvent.Final.class::cast)
                .toList();
    }
}
