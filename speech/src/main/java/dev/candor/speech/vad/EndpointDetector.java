package dev.candor.speech.vad;

import dev.candor.speech.vad.TurnEvent.SpeechEnded;
import dev.candor.speech.vad.TurnEvent.SpeechStarted;
import java.util.List;
import java.util.Objects;

/**
 * Turn-taking for one call: joins the talkspurts of a {@link VoiceActivityDetector} into caller
 * turns, reports {@link SpeechStarted} as soon as speech is confirmed (for barge-in) and {@link
 * SpeechEnded} once the caller has been silent for {@code trailingSilenceMillis} (for the
 * recognizer's final result and the reply).
 *
 * <p>Pure: feed frames, get events; all times are media time from the samples fed. One instance
 * per call; not thread-safe.
 */
public final class EndpointDetector {

    private final EndpointConfig config;
    private final VoiceActivityDetector vad;
    private boolean inTurn;
    private long turnStartMillis;
    private long lastSoundMillis;

    public EndpointDetector(EndpointConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.vad = new VoiceActivityDetector(config.vad());
    }

    /** An endpointer with {@link EndpointConfig#defaults()}: 8 kHz, 600 ms trailing silence. */
    public EndpointDetector() {
        this(EndpointConfig.defaults());
    }

    /**
     * Feeds the next 20 ms frame and returns the events it produced: usually none, at most one.
     *
     * @throws IllegalArgumentException when the frame is not exactly 20 ms
     */
    public List<TurnEvent> accept(short[] frame) {
        VadDecision decision = vad.accept(frame);
        if (decision.speech() || decision.activity() == VadDecision.Activity.OFFSET) {
            lastSoundMillis = decision.lastSoundMillis();
        }
        if (decision.activity() == VadDecision.Activity.ONSET && !inTurn) {
            inTurn = true;
            turnStartMillis = decision.talkspurtStartMillis();
            return List.of(new SpeechStarted(turnStartMillis));
        }
        if (inTurn && !decision.speech()
                && vad.mediaTimeMillis() - lastSoundMillis >= config.trailingSilenceMillis()) {
            return List.of(endTurn());
        }
        return List.of();
    }

    /**
     * Ends the stream (the call hung up, the file ended): a turn still open ends at its last sound.
     */
    public List<TurnEvent> finish() {
        return inTurn ? List.of(endTurn()) : List.of();
    }

    /** Whether the caller is inside a turn: started and not yet ended. */
    public boolean inTurn() {
        return inTurn;
    }

    /** Media time fed so far, in milliseconds. */
    public long mediaTimeMillis() {
        return vad.mediaTimeMillis();
    }

    public EndpointConfig config() {
        return config;
    }

    private SpeechEnded endTurn() {
        inTurn = false;
        return new SpeechEnded(lastSoundMillis, lastSoundMillis - turnStartMillis);
    }
}
