package dev.candor.speech.vad;

/**
 * What {@link VoiceActivityDetector#accept} concluded after one frame. Times are media time in
 * milliseconds since the first sample fed to the detector.
 *
 * @param activity where the frame leaves the detector
 * @param talkspurtStartMillis when the current (or, on {@link Activity#OFFSET}, the just-ended)
 *     talkspurt's first sound began, to 5 ms; -1 in {@link Activity#SILENCE}
 * @param lastSoundMillis when the talkspurt's latest sound ended, to 5 ms; -1 in {@link
 *     Activity#SILENCE}
 * @param levelDb the frame's level in dBFS (full-scale square wave = 0 dB)
 * @param noiseFloorDb the detector's current estimate of the line's noise level, in dBFS
 */
public record VadDecision(
        Activity activity, long talkspurtStartMillis, long lastSoundMillis, double levelDb,
        double noiseFloorDb) {

    /** Whether this frame lies inside a talkspurt, hangover included. */
    public boolean speech() {
        return activity == Activity.ONSET || activity == Activity.SPEECH;
    }

    public enum Activity {
        /** No speech (possibly a loud run that is not yet confirmed as speech). */
        SILENCE,
        /** Speech was confirmed on this frame; it began at {@code talkspurtStartMillis}. */
        ONSET,
        /** Inside a talkspurt. */
        SPEECH,
        /** The hangover ran out on this frame; the talkspurt ended at {@code lastSoundMillis}. */
        OFFSET
    }
}
