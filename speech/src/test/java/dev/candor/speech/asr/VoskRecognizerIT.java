package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.speech.tts.FreeTtsSynthesizer;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code -Dcandor.voskModel=DIR}; otherwise each test is reported as skipped
 * with that instruction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoskRecognizerIT {

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

  @Test
  void recognisesSynthesisedSpeechWithWordTimesInsideTheAudio() {
    short[] speech;
    try (FreeTtsSynthesizer tts = FreeTtsSynthesizer.kevin8k()) {
      speech = tts.synthesize("Hello, I would like to buy a car.");
    }
    short[] padded = Arrays.copyOf(speech, speech.length + 8000); // one second of silence after
    long durationMillis = padded.length * 1000L / 8000;

    List<RecognitionEvent> events = recognise(padded);

    List<RecognitionEvent.Final> finals =
        events.stream()
            .filter(RecognitionEvent.Final.class::isInstance)
            .map(RecognitionEvent.Final.class::cast)
            .toList();
    assertThat(finals).isNotEmpty();
    RecognitionEvent.Final heard = finals.get(0);
    assertThat(heard.text()).isNotBlank();
    assertThat(heard.words()).isNotEmpty();
    assertThat(heard.confidence()).isBetween(0.0, 1.0);
    assertThat(heard.endMillis()).isLessThanOrEqualTo(durationMillis);
    for (int i = 1; i < heard.words().size(); i++) {
      assertThat(heard.words().get(i).startMillis())
          .isGreaterThanOrEqualTo(heard.words().get(i - 1).startMillis());
    }
  }

  @Test
  void silenceGivesNoFinal() {
    List<RecognitionEvent> events = recognise(new short[16_000]);

    assertThat(events).noneMatch(RecognitionEvent.Final.class::isInstance);
  }

  private List<RecognitionEvent> recognise(short[] pcm) {
    List<RecognitionEvent> events = new ArrayList<>();
    try (SpeechRecognizer recognizer = factory.create(8000)) {
      for (int at = 0; at < pcm.length; at += 160) {
        events.addAll(recognizer.accept(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 160))));
      }
      events.addAll(recognizer.finish());
    }
    return events;
  }
}
