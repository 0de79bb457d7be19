package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.speech.tts.FreeTtsSynthesizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the real Vosk engine on FreeTTS speech. Needs an unpacked model: set {@code VOSK_MODEL} or
 * {@code -Dcandor.voskModel=DIR}; otherwise each test is reported as skipped with that
 * instruction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoskRecognizerIT extends SpeechRecognizerContract {

    private VoskRecognizerFactory factory;

    /** Skips each test, with the reason, when no model is configured; loads the model once. */
    @BeforeEach
    void requireModel() {
        if (factory != null) {
            return;
        }
        Optional<Path> model =
                Optional.ofNullable(System.getProperty("candor.voskModel"))
                        .or(() -> Optional.ofNullable(System.getenv("VOSK_MODEL")))
                        .filter(value -> !value.isBlank())
                        .map(Path::of);
        Assumptions.assumeTrue(
                model.isPresent() && VoskModelLocator.isModelDirectory(model.get()),
                "skipped: no Vosk model; set VOSK_MODEL or -Dcandor.voskModel to an unpacked model"
                        + " directory (e.g. vosk-model-small-en-us-0.15) to run the Vosk integration tests"
                        + model.map(p -> " (" + p + " holds no model)").orElse(""));
        factory = new VoskRecognizerFactory(model.get());
    }

    @AfterAll
    void closeModel() {
        if (factory != null) {
            factory.close();
        }
    }

    @Override
    protected SpeechRecognizer newRecognizer() {
        return factory.create(8000);
    }

    /** FreeTTS speech at 8 kHz, then a second of silence so Vosk ends the utterance itself. */
    @Override
    protected short[] speech() {
        try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.kevin8k()) {
            short[] speech = tts.synthesize("Hello, I would like to buy a car.");
            return Arrays.copyOf(speech, speech.length + 8000);
        }
    }

    @Test
    void silenceGivesNoFinal() {
        assertThat(recognise(new short[16_000])).noneMatch(RecognitionEvent.Final.class::isInstance);
    }

    @Test
    void recognisesThroughThePoolWithWordTimesAndConfidences() {
        short[] audio = speech();
        java.util.Queue<RecognitionEvent> events = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (RecognitionPool pool = new RecognitionPool(1, 1, audio.length / 160 + 1)) {
            RecognitionStream stream = pool.open("it", factory.create(8000), new RecognitionListener() {
                @Override
                public void onEvent(RecognitionEvent event) {
                    events.add(event);
                }

                @Override
                public void onError(RuntimeException error) {
                    throw new AssertionError("recognition failed", error);
                }
            });
            for (int at = 0; at < audio.length; at += 160) {
                stream.offer(Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 160)));
            }
            stream.finish();
            stream.done().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        assertThat(finals(List.copyOf(events))).isNotEmpty().allSatisfy(heard -> {
            assertThat(heard.words()).isNotEmpty();
            assertThat(heard.words()).allSatisfy(word -> assertThat(word.confidence()).isBetween(0.0, 1.0));
        });
    }

    @Test
    void describesTheModelItLoaded() {
        assertThat(factory.describe()).startsWith("Vosk model ");
    }
}
