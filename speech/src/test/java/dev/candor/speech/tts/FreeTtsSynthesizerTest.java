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
import org.junit.jupiter.api.TestInstance;

/** Runs the real FreeTTS kevin16 voice, headless, captured in memory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreeTtsSynthesizerTest {

  private static final String HELLO = "Hello, this is a test.";

  private FreeTtsSynthesizer synthesizer;

  @BeforeAll
  void allocateVoice() {
    synthesizer = new FreeTtsSynthesizer("kevin16", 0, 8000);
  }

  @AfterAll
  void closeVoice() {
    synthesizer.close();
  }

  @Test
  void synthesisesHelloToAudibleEightKilohertzSpeechOfPlausibleLength() {
    short[] pcm = synthesizer.synthesize(HELLO);

    assertThat(synthesizer.sampleRateHz()).isEqualTo(8000);
    assertThat(pcm.length / 8000.0).as("seconds").isBetween(0.8, 4.0);
    assertThat(rms(pcm, 0, pcm.length)).as("RMS").isGreaterThan(500.0);
  }

  @Test
  void speechEnergyLiesInTheTelephoneBand() {
    short[] pcm = synthesizer.synthesize(HELLO);

    double total = bandEnergy(pcm, 0, 4000);
    double voiceBand = bandEnergy(pcm, 80, 3500);
    double nearNyquist = bandEnergy(pcm, 3700, 4000);

    assertThat(voiceBand / total).isGreaterThan(0.9);
    assertThat(nearNyquist / total).isLessThan(0.01);
  }

  @Test
  void speechStartsWithinSixtyMilliseconds() {
    short[] pcm = synthesizer.synthesize(HELLO);

    int firstLoudBlock = 0;
    while (rms(pcm, firstLoudBlock * 80, firstLoudBlock * 80 + 80) <= LeadingSilence.SOUND_RMS) {
      firstLoudBlock++;
    }

    assertThat(firstLoudBlock * 10).as("milliseconds before speech").isLessThanOrEqualTo(60);
  }

  @Test
  void blankTextGivesNoAudio() {
    assertThat(synthesizer.synthesize("  ")).isEmpty();
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

  private static double rms(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < Math.min(to, pcm.length); i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return Math.sqrt(sum / Math.max(1, to - from));
  }

  /** Energy between two frequencies, from a DFT of consecutive 256-sample blocks at 8 kHz. */
  private static double bandEnergy(short[] pcm, double lowHz, double highHz) {
    int n = 256;
    double energy = 0;
    for (int start = 0; start + n <= pcm.length; start += n) {
      for (int bin = 0; bin <= n / 2; bin++) {
        double hz = bin * 8000.0 / n;
        if (hz < lowHz || hz > highHz) {
          continue;
        }
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
          double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
          re += pcm[start + i] * hann * Math.cos(2 * Math.PI * bin * i / n);
          im -= pcm[start + i] * hann * Math.sin(2 * Math.PI * bin * i / n);
        }
        energy += re * re + im * im;
      }
    }
    return energy;
  }
}
