package dev.candor.handoff;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.media.PlaybackListener;

import java.util.Objects;

/**
 * Hold audio for a waiting caller: played after whatever they are hearing, again each time it ends,
 * until stopped. Anything else queued on the leg (a position notice) plays between two rounds.
 */
public final class HoldLoop {
    private final CallLeg leg;
    private final short[] audio;
    private volatile boolean playing = true;
    private volatile long current = -1;

    private HoldLoop(CallLeg leg, short[] audio) {
        this.leg = leg;
        this.audio = audio;
    }

    public static HoldLoop start(CallLeg leg, short[] audio) {
        HoldLoop loop = new HoldLoop(Objects.requireNonNull(leg, "leg"), Objects.requireNonNull(audio, "audio"));
        loop.next();
        return loop;
    }

    private void next() {
        if (!playing || audio.length == 0) {
            return;
        }
        current = leg.playback().play(audio, new PlaybackListener() {
            @Override
            public void finished(long id, int framesPlayed, boolean completed) {
                if (completed) {
                    next();
                }
            }
        });
    }

    /** Stops the loop and cuts off what the caller hears now, so what follows starts at once. */
    public void stop() {
        playing = false;
        leg.playback().cancelAll();
    }

    public boolean isPlaying() {
        return playing;
    }
}
