package dev.candor.speech.vad;

import dev.candor.speech.vad.TurnEvent.SpeechStarted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: cut PCM into 20 ms frames and run an endpointer over it. */
final class Frames {

    static final int FRAME = 160;

    private Frames() {}

    /** Whole 160-sample frames of {@code pcm}; a partial last frame is dropped. */
    static List<short[]> of(short[] pcm) {
        List<short[]> frames = new ArrayList<>();
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            frames.add(Arrays.copyOfRange(pcm, at, at + FRAME));
        }
        return frames;
    }

    /** A turn event and the media time (end of the frame just fed) at which it was reported. */
    record Reported(TurnEvent event, long reportedAtMillis) {
        boolean isStart() {
            return event instanceof SpeechStarted;
        }
    }

    /** Feeds every frame, then finishes, recording when each event came out. */
    static List<Reported> run(EndpointDetector endpointer, short[] pcm) {
        List<Reported> reported = new ArrayList<>();
        for (short[] frame : of(pcm)) {
            for (TurnEvent event : endpointer.accept(frame)) {
                reported.add(new Reported(event, endpointer.mediaTimeMillis()));
            }
        }
        for (TurnEvent event : endpointer.finish()) {
            reported.add(new Reported(event, endpointer.mediaTimeMillis()));
        }
        return reported;
    }
}
