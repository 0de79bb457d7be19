package dev.candor.speech.vad;

/**
 * Settings of a {@link VoiceActivityDetector}. {@link #defaults()} suits 8 kHz telephone audio;
 * the tests on {@code recordings-fixtures} pin them down.
 *
 * @param sampleRateHz audio rate; frames are 20 ms, so {@code sampleRateHz / 50} samples
 * @param onsetMarginDb a frame can start speech when its level is this far above the noise floor
 * @param offsetMarginDb inside speech, a frame still counts as sound this far above the floor
 * @param minSpeechLevelDb nothing quieter than this (dBFS, full-scale square = 0) is speech, however
 *     quiet the line
 * @param voicedFramesToConfirm voiced frames (periodic at a pitch lag, not a steady tone) needed
 *     before a run of loud frames counts as speech; the onset is then back-dated to the run's first
 *     sound
 * @param maxOnsetMillis a loud run not confirmed as speech within this long is noise: it becomes
 *     the new noise floor
 * @param hangoverMillis speech continues through this much quiet before the detector says it ended
 * @param maxUnvoicedMillis inside speech, loud sound without any voiced frame for this long is
 *     noise: the talkspurt ends at its last voiced sound and the floor jumps to the noise
 * @param minPeriodicity a frame is voiced when its normalised autocorrelation at some pitch lag
 *     reaches this (white or pink noise stays below about 0.35)
 * @param maxToneRatio ... and when less than this share of its power lies in its two strongest
 *     100 Hz bands (steady tones and dual tones lie above 0.95)
 */
public record VadConfig(
        int sampleRateHz,
        double onsetMarginDb,
        double offsetMarginDb,
        double minSpeechLevelDb,
        int voicedFramesToConfirm,
        int maxOnsetMillis,
        int hangoverMillis,
        int maxUnvoicedMillis,
        double minPeriodicity,
        double maxToneRatio) {

    public static final int FRAME_MILLIS = 20;

    public VadConfig {
        require(sampleRateHz >= 4000 && sampleRateHz <= 48_000 && sampleRateHz % 200 == 0,
                "sampleRateHz", sampleRateHz, "4000-48000, a multiple of 200");
        require(onsetMarginDb > 0 && onsetMarginDb <= 40, "onsetMarginDb", onsetMarginDb, "0-40 dB");
        require(offsetMarginDb > 0 && offsetMarginDb <= onsetMarginDb, "offsetMarginDb",
                offsetMarginDb, "0 < offset <= onsetMarginDb " + onsetMarginDb);
        require(minSpeechLevelDb >= -90 && minSpeechLevelDb <= -10, "minSpeechLevelDb",
                minSpeechLevelDb, "-90 to -10 dBFS");
        require(voicedFramesToConfirm >= 1 && voicedFramesToConfirm <= 10, "voicedFramesToConfirm",
                voicedFramesToConfirm, "1-10");
        require(maxOnsetMillis >= FRAME_MILLIS * voicedFramesToConfirm && maxOnsetMillis <= 2000,
                "maxOnsetMillis", maxOnsetMillis, "20 ms per voiced frame to confirm, up to 2000");
        require(hangoverMillis >= 0 && hangoverMillis <= 2000, "hangoverMillis", hangoverMillis,
                "0-2000");
        require(maxUnvoicedMillis >= 200 && maxUnvoicedMillis <= 10_000, "maxUnvoicedMillis",
                maxUnvoicedMillis, "200-10000");
        require(minPeriodicity > 0 && minPeriodicity < 1, "minPeriodicity", minPeriodicity, "0-1");
        require(maxToneRatio > 0 && maxToneRatio <= 1, "maxToneRatio", maxToneRatio, "0-1");
    }

    /** 8 kHz, 12 dB onset margin, -50 dBFS minimum, 2 voiced frames, 200 ms hangover. */
    public static VadConfig defaults() {
        return new VadConfig(8000, 12, 8, -50, 2, 300, 200, 1000, 0.5, 0.95);
    }

    public VadConfig withSampleRateHz(int sampleRateHz) {
        return new VadConfig(sampleRateHz, onsetMarginDb, offsetMarginDb, minSpeechLevelDb,
                voicedFramesToConfirm, maxOnsetMillis, hangoverMillis, maxUnvoicedMillis,
                minPeriodicity, maxToneRatio);
    }

    public VadConfig withHangoverMillis(int hangoverMillis) {
        return new VadConfig(sampleRateHz, onsetMarginDb, offsetMarginDb, minSpeechLevelDb,
                voicedFramesToConfirm, maxOnsetMillis, hangoverMillis, maxUnvoicedMillis,
                minPeriodicity, maxToneRatio);
    }

    public VadConfig withMinSpeechLevelDb(double minSpeechLevelDb) {
        return new VadConfig(sampleRateHz, onsetMarginDb, offsetMarginDb, minSpeechLevelDb,
                voicedFramesToConfirm, maxOnsetMillis, hangoverMillis, maxUnvoicedMillis,
                minPeriodicity, maxToneRatio);
    }

    /** Samples in one 20 ms frame. */
    public int frameSamples() {
        return sampleRateHz / (1000 / FRAME_MILLIS);
    }

    private static void require(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "invalid VAD " + name + ": " + value + " (expected " + expected + ")");
        }
    }
}
