package dev.candor.speech.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.candor.speech.audio.AudioFixtures;
import dev.candor.speech.vad.VadDecision.Activity;
import dev.candor.speech.resample.Resampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

    private static List<VadDecision> decide(VoiceActivityDetector vad, short[] pcm) {
        List<VadDecision> decisions = new ArrayList<>();
        for (short[] frame : Frames.of(pcm)) {
            decisions.add(vad.accept(frame));
        }
        return decisions;
    }

    private static long onsets(List<VadDecision> decisions) {
        return decisions.stream().filter(d -> d.activity() == Activity.ONSET).count();
    }

    @Test
    void aSteadyToneAtLowLevelIsNotSpeech() {
        short[] pcm = Signals.concat(Signals.silence(500), Signals.tones(-40, 3000, 1000));

        assertThat(onsets(decide(new VoiceActivityDetector(), pcm))).isZero();
    }

    @Test
    void aLoudDialToneIsNotSpeech() {
        short[] pcm = Signals.concat(Signals.silence(500), Signals.tones(-20, 3000, 350, 440));

        assertThat(onsets(decide(new VoiceActivityDetector(), pcm))).isZero();
    }

    @Test
    void loudSteadyNoiseIsNeverSpeechAndBecomesTheNoiseFloor() {
        // noise-white-high.wav: white noise at -23 dBFS RMS from the first sample. The first 300 ms
        // are an unconfirmed onset (loud but never periodic); then the floor jumps to the noise.
        short[] pcm = AudioFixtures.audio("noise-white-high.wav").samples();

        List<VadDecision> decisions = decide(new VoiceActivityDetector(), pcm);

        assertThat(decisions).allSatisfy(d -> assertThat(d.activity()).isEqualTo(Activity.SILENCE));
        VadDecision last = decisions.get(decisions.size() - 1);
        assertThat(last.noiseFloorDb()).isBetween(last.levelDb() - 3, last.levelDb() + 3);
    }

    @Test
    void speechOverSteadyNoiseTwentyDecibelsDownIsStillFoundWithinSixtyMilliseconds() {
        var fixture = AudioFixtures.named("person-talk-to-human.wav");
        short[] speech = fixture.audio().samples();
        short[] noisy = Signals.mix(speech, Signals.whiteNoise(7, -40, 10_000));

        List<Frames.Reported> reported = Frames.run(new EndpointDetector(), noisy);

        assertThat(reported).hasSize(2);
        assertThat(((TurnEvent.SpeechStarted) reported.get(0).event()).atMillis())
                .isBetween(fixture.speechStartMillis().orElseThrow() - 60,
                        fixture.speechStartMillis().orElseThrow() + 60);
    }

    @Test
    void speechFromTheVeryFirstFrameIsFound() {
        short[] speech = AudioFixtures.audio("person-real-person.wav").samples();

        List<VadDecision> decisions = decide(new VoiceActivityDetector(), Signals.slice(speech, 500, 3000));

        assertThat(onsets(decisions)).isEqualTo(1);
        assertThat(decisions.stream().filter(d -> d.activity() == Activity.ONSET).findFirst().orElseThrow()
                .talkspurtStartMillis()).isLessThanOrEqualTo(20);
    }

    @Test
    void loudNoiseThatBeginsMidSpeechEndsTheTalkspurtAtTheLastVoicedSound() {
        // "Agent." ends at 1037 ms (sox, clean file); then white noise at -20 dBFS, never periodic.
        // The noise hides where the final unvoiced "t" ends, so the talkspurt ends at the last
        // voiced frame: before the true end, by less than the "t".
        short[] speech = Signals.slice(AudioFixtures.audio("person-agent.wav").samples(), 0, 1100);
        short[] pcm = Signals.concat(speech, Signals.whiteNoise(3, -20, 3000));

        List<VadDecision> decisions = decide(new VoiceActivityDetector(), pcm);

        List<VadDecision> offsets = decisions.stream().filter(d -> d.activity() == Activity.OFFSET).toList();
        assertThat(offsets).hasSize(1);
        assertThat(offsets.get(0).lastSoundMillis()).isBetween(1037L - 100, 1037L);
        assertThat(onsets(decisions)).isEqualTo(1);
        assertThat(decisions.get(decisions.size() - 1).activity()).isEqualTo(Activity.SILENCE);
    }

    @Test
    void theSameAudioGivesTheSameDecisions() {
        short[] pcm = AudioFixtures.audio("greeting-sales-line.wav").samples();

        assertThat(decide(new VoiceActivityDetector(), pcm))
                .isEqualTo(decide(new VoiceActivityDetector(), pcm));
    }

    @Test
    void mediaTimeCountsTheSamplesFed() {
        VoiceActivityDetector vad = new VoiceActivityDetector();
        decide(vad, Signals.silence(1000));

        assertThat(vad.mediaTimeMillis()).isEqualTo(1000);
    }

    @Test
    void atSixteenKilohertzFramesAreThreeHundredTwentySamplesAndOnsetsStillLandWithinSixtyMilliseconds() {
        var fixture = AudioFixtures.named("overlap-stop-person.wav");
        short[] wide = Resampler.convert(fixture.audio().samples(), 8000, 16_000);
        VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults().withSampleRateHz(16_000));

        List<VadDecision> decisions = new ArrayList<>();
        for (int at = 0; at + 320 <= wide.length; at += 320) {
            decisions.add(vad.accept(Arrays.copyOfRange(wide, at, at + 320)));
        }

        assertThat(vad.mediaTimeMillis()).isEqualTo(wide.length / 320 * 20L);
        assertThat(decisions.stream().filter(d -> d.activity() == Activity.ONSET)).singleElement()
                .satisfies(d -> assertThat(d.talkspurtStartMillis())
                        .isBetween(fixture.speechStartMillis().orElseThrow() - 60,
                                fixture.speechStartMillis().orElseThrow() + 60));
    }

    @Test
    void aFrameOfTheWrongLengthIsRejectedNamingBothLengths() {
        assertThatThrownBy(() -> new VoiceActivityDetector().accept(new short[80]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid VAD frame: 80 samples (expected 160, 20 ms at 8000 Hz)");
    }

    @Test
    void badSettingsNameTheSettingAndTheExpectedRange() {
        assertThatThrownBy(() -> VadConfig.defaults().withHangoverMillis(-1))
                .hasMessage("invalid VAD hangoverMillis: -1 (expected 0-2000)");
        assertThatThrownBy(() -> VadConfig.defaults().withSampleRateHz(44_100))
                .hasMessageContaining("sampleRateHz: 44100");
    }
}
