package dev.candor.speech.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.candor.speech.audio.AudioFixtures;
import dev.candor.speech.vad.TurnEvent.SpeechEnded;
import dev.candor.speech.vad.TurnEvent.SpeechStarted;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointDetectorTest {

    /** "Hello." then 350 ms of silence, then "Can I talk to a human?". */
    private static final String PAUSE = "person-hello-pause-human.wav";

    @Test
    void aPauseShorterThanTheSilenceWindowStaysInsideOneTurn() {
        List<Frames.Reported> reported =
                Frames.run(new EndpointDetector(), AudioFixtures.audio(PAUSE).samples());

        assertThat(reported).extracting(r -> (Object) r.event().getClass())
                .containsExactly(SpeechStarted.class, SpeechEnded.class);
    }

    @Test
    void aShorterSilenceWindowSplitsThePauseIntoTwoTurns() {
        EndpointConfig config = EndpointConfig.defaults().withTrailingSilenceMillis(300);

        List<Frames.Reported> reported =
                Frames.run(new EndpointDetector(config), AudioFixtures.audio(PAUSE).samples());

        assertThat(reported).extracting(r -> (Object) r.event().getClass())
                .containsExactly(SpeechStarted.class, SpeechEnded.class, SpeechStarted.class, SpeechEnded.class);
        SpeechEnded hello = (SpeechEnded) reported.get(1).event();
        assertThat(reported.get(1).reportedAtMillis() - hello.atMillis()).isBetween(300L, 319L);
    }

    @Test
    void finishEndsATurnStillOpenAtItsLastSound() {
        short[] cut = Signals.slice(AudioFixtures.audio("person-real-person.wav").samples(), 0, 1200);
        EndpointDetector endpointer = new EndpointDetector();
        for (short[] frame : Frames.of(cut)) {
            endpointer.accept(frame);
        }
        assertThat(endpointer.inTurn()).isTrue();

        List<TurnEvent> last = endpointer.finish();

        assertThat(last).singleElement().isInstanceOfSatisfying(SpeechEnded.class, ended -> {
            assertThat(ended.atMillis()).isBetween(1100L, 1200L);
            assertThat(ended.startMillis()).isBetween(440L, 560L);
        });
        assertThat(endpointer.inTurn()).isFalse();
        assertThat(endpointer.finish()).isEmpty();
    }

    @Test
    void theDefaultSilenceWindowIsSixHundredMilliseconds() {
        assertThat(EndpointConfig.defaults().trailingSilenceMillis()).isEqualTo(600);
    }

    @Test
    void aSilenceWindowOutsideItsRangeIsRejected() {
        assertThatThrownBy(() -> EndpointConfig.defaults().withTrailingSilenceMillis(50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid trailing silence: 50 ms (expected 100-10000)");
        assertThatThrownBy(() -> EndpointConfig.defaults().withTrailingSilenceMillis(150))
                .hasMessageContaining("at least the VAD hangover, 200 ms");
    }

    @Test
    void turnEventsRejectImpossibleTimes() {
        assertThatThrownBy(() -> new SpeechStarted(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpeechEnded(100, 200)).isInstanceOf(IllegalArgumentException.class);
    }
}
