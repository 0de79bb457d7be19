package dev.candor.app.call;

/**
 * What a waiting caller hears: a soft two-note chime (C5 then E5, 300 ms each) followed by 1.4 s of
 * quiet, 2 s in all, meant to be looped. Generated, so no audio file or licence is involved.
 */
public final class HoldAudio {
    public static final double FIRST_NOTE_HZ = 523.25;
    public static final double SECOND_NOTE_HZ = 659.25;
    private static final int RATE_HZ = 8000;
    private static final int NOTE_SAMPLES = 2400;
    private static final int TOTAL_SAMPLES = 16000;
    private static final double AMPLITUDE = 3000;

    private HoldAudio() {
    }

    public static short[] chime() {
        short[] pcm = new short[TOTAL_SAMPLES];
        note(pcm, 0, FIRST_NOTE_HZ);
        note(pcm, NOTE_SAMPLES, SECOND_NOTE_HZ);
        return pcm;
    }

    private static void note(short[] pcm, int start, double frequencyHz) {
        int fade = 400;
        for (int i = 0; i < NOTE_SAMPLES; i++) {
            double envelope = Math.min(1, Math.min(i, NOTE_SAMPLES - 1 - i) / (double) fade);
            pcm[start + i] = (short) (AMPLITUDE * envelope * Math.sin(2 * Math.PI * frequencyHz * i / RATE_HZ));
        }
    }
}
