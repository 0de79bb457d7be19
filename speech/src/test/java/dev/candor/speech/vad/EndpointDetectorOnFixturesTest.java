package dev.candor.speech.vad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.speech.audio.AudioFixtures;
import dev.candor.speech.audio.AudioFixtures.Fixture;
import dev.candor.speech.vad.Frames.Reported;
import dev.candor.speech.vad.TurnEvent.SpeechEnded;
import dev.candor.speech.vad.TurnEvent.SpeechStarted;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The endpointer with default settings on every caller-audio fixture of {@code recordings-fixtures}.
 *
 * <p>The reference boundaries in {@code fixtures/audio/MANIFEST.tsv} are measured independently of
 * this code by {@code recordings-fixtures/scripts/make-audio-fixtures.sh} with sox 14.4.2's silence
 * effect on the finished WAV: the start is where {@code silence 1 0.02 -50d} first finds 20 ms above
 * -50 dBFS, the end is the same measurement on the reversed file. The issue asks for detected
 * boundaries within 60 ms of such a measurement.
 */
class EndpointDetectorOnFixturesTest {

    static final long TOLERANCE_MILLIS = 60;
    /** Onset to SpeechStarted: barge-in must stop playback within 200 ms of onset, leaving 50 ms. */
    static final long MAX_REPORT_DELAY_MILLIS = 150;

    static Stream<Fixture> speech() {
        return AudioFixtures.withSpeech().stream();
    }

    static Stream<Fixture> noSpeech() {
        return AudioFixtures.withoutSpeech().stream();
    }

    @ParameterizedTest
    @MethodSource("speech")
    void everyUtteranceIsOneTurnWithBoundariesWithinSixtyMillisecondsOfSox(Fixture fixture) {
        List<Reported> reported = Frames.run(new EndpointDetector(), fixture.audio().samples());

        assertThat(reported).as("events").hasSize(2);
        SpeechStarted started = (SpeechStarted) reported.get(0).event();
        SpeechEnded ended = (SpeechEnded) reported.get(1).event();
        long soxStart = fixture.speechStartMillis().orElseThrow();
        long soxEnd = fixture.speechEndMillis().orElseThrow();
        assertThat(started.atMillis()).as("start vs sox %d ms", soxStart)
                .isBetween(soxStart - TOLERANCE_MILLIS, soxStart + TOLERANCE_MILLIS);
        assertThat(ended.atMillis()).as("end vs sox %d ms", soxEnd)
                .isBetween(soxEnd - TOLERANCE_MILLIS, soxEnd + TOLERANCE_MILLIS);
        assertThat(ended.startMillis()).isEqualTo(started.atMillis());
    }

    @ParameterizedTest
    @MethodSource("speech")
    void speechStartedIsReportedSoonEnoughForBargeIn(Fixture fixture) {
        List<Reported> reported = Frames.run(new EndpointDetector(), fixture.audio().samples());

        long soxStart = fixture.speechStartMillis().orElseThrow();
        assertThat(reported.get(0).isStart()).isTrue();
        assertThat(reported.get(0).reportedAtMillis()).as("media time when reported")
                .isBetween(soxStart, soxStart + MAX_REPORT_DELAY_MILLIS);
    }

    @ParameterizedTest
    @MethodSource("speech")
    void speechEndedIsReportedAfterSixHundredMillisecondsOfSilence(Fixture fixture) {
        List<Reported> reported = Frames.run(new EndpointDetector(), fixture.audio().samples());

        Reported end = reported.get(1);
        long silence = end.reportedAtMillis() - ((SpeechEnded) end.event()).atMillis();
        assertThat(silence).as("trailing silence when reported").isBetween(600L, 619L);
    }

    @ParameterizedTest
    @MethodSource("noSpeech")
    void silenceAndSteadyNoiseNeverStartATurn(Fixture fixture) {
        assertThat(Frames.run(new EndpointDetector(), fixture.audio().samples())).isEmpty();
    }
}
