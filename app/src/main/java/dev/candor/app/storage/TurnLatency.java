package dev.candor.app.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When each step of one reply happened: the end of the caller's speech (from the endpointer), the
 * final transcript or key press, the reply decided by the conversation, its audio synthesised, and its
 * first frame taken by the media clock for sending. Steps that do not apply are empty.
 */
public record TurnLatency(Optional<Instant> callerSpeechEnded, Optional<Instant> transcript, Optional<Instant> decided,
                          Optional<Instant> synthesised, Optional<Instant> firstAudio) {

    public static TurnLatency none() {
        return new TurnLatency(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TurnLatency withCallerSpeechEnded(Instant at) {
        return new TurnLatency(Optional.ofNullable(at), transcript, decided, synthesised, firstAudio);
    }

    public TurnLatency withTranscript(Instant at) {
        return new TurnLatency(callerSpeechEnded, Optional.of(at), decided, synthesised, firstAudio);
    }

    public TurnLatency withDecided(Instant at) {
        return new TurnLatency(callerSpeechEnded, transcript, Optional.of(at), synthesised, firstAudio);
    }

    public TurnLatency withSynthesised(Instant at) {
        return new TurnLatency(callerSpeechEnded, transcript, decided, Optional.of(at), firstAudio);
    }

    public TurnLatency withFirstAudio(Instant at) {
        return new TurnLatency(callerSpeechEnded, transcript, decided, synthesised, Optional.of(at));
    }

    /** From the end of the caller's speech (or, failing that, the transcript) to the first frame of the reply. */
    public Optional<Duration> responseTime() {
        Optional<Instant> from = callerSpeechEnded.or(() -> transcript);
        return from.flatMap(f -> firstAudio.map(t -> Duration.between(f, t)));
    }
}
