package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each leg sends a constant frame with its own decimal digit, caller 1000, agent 100, supervisor
 * 10, so the level a leg receives spells out whom it hears: 1010 is caller and supervisor.
 */
class MixerTest {

    private static final String CALLER = "caller";
    private static final String AGENT = "agent";
    private static final String SUPERVISOR = "supervisor";

    private Mixer<String> mixer;

    @BeforeEach
    void callWithSupervisor() {
        mixer = new Mixer<>();
        mixer.add(CALLER);
        mixer.add(AGENT);
        mixer.add(SUPERVISOR, Participation.listening());
    }

    @Test
    void listenLetsTheSupervisorHearBothSidesAndNobodyHearTheSupervisor() {
        Supervision.LISTEN.apply(mixer, CALLER, AGENT, SUPERVISOR);

        assertThat(levels(mixer.mix(allTalking()))).containsExactly(
                Map.entry(CALLER, 100), Map.entry(AGENT, 1000), Map.entry(SUPERVISOR, 1100));
    }

    @Test
    void whisperLetsOnlyTheAgentHearTheSupervisor() {
        Supervision.WHISPER.apply(mixer, CALLER, AGENT, SUPERVISOR);

        assertThat(levels(mixer.mix(allTalking()))).containsExactly(
                Map.entry(CALLER, 100), Map.entry(AGENT, 1010), Map.entry(SUPERVISOR, 1100));
    }

    @Test
    void bargeLetsEveryoneHearEveryoneElse() {
        Supervision.BARGE.apply(mixer, CALLER, AGENT, SUPERVISOR);

        assertThat(levels(mixer.mix(allTalking()))).containsExactly(
                Map.entry(CALLER, 110), Map.entry(AGENT, 1010), Map.entry(SUPERVISOR, 1100));
    }

    @Test
    void takeOverLeavesTheAgentOutAndConnectsCallerAndSupervisor() {
        Supervision.TAKE_OVER.apply(mixer, CALLER, AGENT, SUPERVISOR);

        assertThat(levels(mixer.mix(allTalking()))).containsExactly(
                Map.entry(CALLER, 10), Map.entry(AGENT, 0), Map.entry(SUPERVISOR, 1000));
    }

    @Test
    void switchingModesChangesOnlySettingsAndKeepsTheParticipants() {
        for (Supervision mode : new Supervision[] {Supervision.WHISPER, Supervision.LISTEN, Supervision.BARGE,
                Supervision.WHISPER}) {
            mode.apply(mixer, CALLER, AGENT, SUPERVISOR);
            assertThat(mixer.participants()).containsExactly(CALLER, AGENT, SUPERVISOR);
        }

        assertThat(levels(mixer.mix(allTalking())).get(CALLER)).as("back to whisper").isEqualTo(100);
    }

    @Test
    void mixesWaveformsSampleBySampleNotJustLevels() {
        short[] tone = tone(1000, 8000);
        short[] otherTone = tone(440, 5000);
        Supervision.LISTEN.apply(mixer, CALLER, AGENT, SUPERVISOR);

        Map<String, short[]> out = mixer.mix(Map.of(CALLER, tone, AGENT, otherTone));

        assertThat(out.get(CALLER)).isEqualTo(otherTone);
        assertThat(out.get(AGENT)).isEqualTo(tone);
        for (int i = 0; i < 160; i++) {
            assertThat(out.get(SUPERVISOR)[i]).isEqualTo((short) (tone[i] + otherTone[i]));
        }
    }

    @Test
    void nobodyHearsTheirOwnVoice() {
        Mixer<String> alone = new Mixer<>();
        alone.add(CALLER);

        assertThat(alone.mix(Map.of(CALLER, constant(1000))).get(CALLER)).containsOnly(0);
    }

    @Test
    void aMissingInputFrameIsSilence() {
        Supervision.BARGE.apply(mixer, CALLER, AGENT, SUPERVISOR);

        Map<String, short[]> out = mixer.mix(Map.of(CALLER, constant(1000), SUPERVISOR, constant(10)));

        assertThat(levels(out)).containsExactly(
                Map.entry(CALLER, 10), Map.entry(AGENT, 1010), Map.entry(SUPERVISOR, 1000));
        assertThat(levels(mixer.mix(Map.of()))).containsOnly(
                Map.entry(CALLER, 0), Map.entry(AGENT, 0), Map.entry(SUPERVISOR, 0));
    }

    @Test
    void clipsTheSumAtPlusAndMinus32767() {
        Supervision.BARGE.apply(mixer, CALLER, AGENT, SUPERVISOR);

        Map<String, short[]> loud = mixer.mix(Map.of(CALLER, constant(30_000), AGENT, constant(30_000)));
        Map<String, short[]> quiet = mixer.mix(Map.of(CALLER, constant(-32_768), AGENT, constant(-30_000)));

        assertThat(loud.get(SUPERVISOR)).containsOnly(32_767);
        assertThat(quiet.get(SUPERVISOR)).containsOnly(-32_767);
        assertThat(quiet.get(CALLER)).containsOnly(-30_000);
    }

    @Test
    void aParticipantThatDoesNotReceiveGetsSilenceButIsStillHeard() {
        mixer.set(CALLER, new Participation<>(true, false, java.util.Optional.empty()));
        mixer.set(SUPERVISOR, Participation.full());

        assertThat(levels(mixer.mix(allTalking()))).containsExactly(
                Map.entry(CALLER, 0), Map.entry(AGENT, 1010), Map.entry(SUPERVISOR, 1100));
    }

    @Test
    void aRemovedParticipantIsNoLongerMixedOrHeard() {
        Supervision.BARGE.apply(mixer, CALLER, AGENT, SUPERVISOR);

        assertThat(mixer.remove(SUPERVISOR)).isTrue();

        assertThat(levels(mixer.mix(allTalking()))).containsExactly(
                Map.entry(CALLER, 100), Map.entry(AGENT, 1000));
        assertThat(mixer.remove(SUPERVISOR)).isFalse();
    }

    @Test
    void framesFromIdsNotTakingPartAreIgnored() {
        Map<String, short[]> in = new HashMap<>(allTalking());
        in.put("stranger", constant(7));

        assertThat(levels(mixer.mix(in)).get(SUPERVISOR)).isEqualTo(1100);
    }

    @Test
    void rejectsMisuse() {
        assertThatThrownBy(() -> mixer.mix(Map.of(CALLER, new short[80])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from caller: 80 samples (expected 160)");
        assertThatThrownBy(() -> mixer.add(CALLER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> mixer.set("nobody", Participation.full()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such participant: nobody");
        assertThatThrownBy(() -> Supervision.LISTEN.apply(mixer, CALLER, CALLER, SUPERVISOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three distinct");
    }

    @Test
    void aFailedSetAllChangesNothing() {
        assertThatThrownBy(() -> mixer.setAll(Map.of(SUPERVISOR, Participation.full(), "nobody",
                Participation.full()))).isInstanceOf(IllegalArgumentException.class);

        assertThat(mixer.participation(SUPERVISOR)).contains(Participation.listening());
    }

    @Test
    void hearingOnlyRestrictsWhomAParticipantHears() {
        mixer.set(SUPERVISOR, Participation.full());
        mixer.set(AGENT, Participation.hearingOnly(Set.of(SUPERVISOR)));

        assertThat(levels(mixer.mix(allTalking())).get(AGENT)).isEqualTo(10);
    }

    private static Map<String, short[]> allTalking() {
        return Map.of(CALLER, constant(1000), AGENT, constant(100), SUPERVISOR, constant(10));
    }

    /** The constant level of each output frame, in participant order. */
    private static Map<String, Integer> levels(Map<String, short[]> frames) {
        Map<String, Integer> levels = new java.util.LinkedHashMap<>();
        frames.forEach((id, frame) -> {
            assertThat(frame).hasSize(160);
            assertThat(frame).as("%s gets a constant frame", id).containsOnly(frame[0]);
            levels.put(id, (int) frame[0]);
        });
        return levels;
    }

    private static short[] constant(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }

    private static short[] tone(int hz, int amplitude) {
        short[] frame = new short[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return frame;
    }
}
