package dev.candor.speech.vad;

import dev.candor.speech.vad.VadDecision.Activity;
import java.util.Objects;

/**
 * Decides, frame by frame, whether one call's caller is speaking. A pure function of the frames
 * fed so far: no clock, no threads, no I/O; the same audio always gives the same decisions. Times
 * are media time, counted from the samples fed.
 *
 * <p>How it decides:
 *
 * <ol>
 *   <li><b>Level against an adaptive noise floor.</b> A frame can start speech when its level is
 *       {@code onsetMarginDb} above the floor and above {@code minSpeechLevelDb}. The floor follows
 *       frames that are not speech: quickly down, slowly up.
 *   <li><b>Voicing check.</b> A run of such loud frames becomes speech only once {@code
 *       voicedFramesToConfirm} of its frames are voiced: periodic at a pitch lag (normalised
 *       autocorrelation of the pre-emphasised signal, which white and pink noise never reach) and
 *       not a steady tone (power not concentrated in two narrow bands). The onset is then
 *       back-dated to the run's first sound, to 5 ms, so an unvoiced start ("stop") keeps its true
 *       onset. A run that is not confirmed within {@code maxOnsetMillis} is noise, and its level
 *       becomes the new floor: steady noise and tones never become speech, however loud.
 *   <li><b>Hangover.</b> Speech ends when no frame has been {@code offsetMarginDb} above the floor
 *       for {@code hangoverMillis}, and is reported as ending at its last sound. Loud sound with no
 *       voiced frame for {@code maxUnvoicedMillis} (noise that began mid-speech) also ends it.
 * </ol>
 *
 * <p>One instance per call; not thread-safe.
 */
public final class VoiceActivityDetector {

    /** Quiet allowed inside an unconfirmed onset, e.g. the stop closure in "stop". */
    private static final int MAX_ONSET_GAP_MILLIS = 100;

    private enum State { SILENCE, ONSET_CANDIDATE, SPEECH }

    private final VadConfig config;
    private final FrameAnalyzer analyzer;
    private final NoiseFloor floor;
    private final int frameSamples;
    private long samplesFed;
    private State state = State.SILENCE;

    // The current onset candidate or talkspurt.
    private long startMillis = -1;
    private long lastSoundMillis = -1;
    private long lastVoicedMillis = -1;
    private int voicedFrames;
    private double quietestLoudFrameDb;

    public VoiceActivityDetector(VadConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.frameSamples = config.frameSamples();
        this.analyzer = new FrameAnalyzer(config.sampleRateHz(), frameSamples);
        this.floor = new NoiseFloor(config.minSpeechLevelDb() - config.onsetMarginDb());
    }

    /** A detector with {@link VadConfig#defaults()}: 8 kHz, 160-sample frames. */
    public VoiceActivityDetector() {
        this(VadConfig.defaults());
    }

    /**
     * Feeds the next 20 ms frame and returns the decision after it.
     *
     * @throws IllegalArgumentException when the frame is not exactly {@code sampleRateHz / 50}
     *     samples
     */
    public VadDecision accept(short[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length != frameSamples) {
            throw new IllegalArgumentException("invalid VAD frame: " + frame.length + " samples (expected "
                    + frameSamples + ", 20 ms at " + config.sampleRateHz() + " Hz)");
        }
        long frameStart = mediaTimeMillis();
        samplesFed += frameSamples;
        FrameFeatures features = analyzer.analyse(frame);
        return switch (state) {
            case SILENCE -> inSilence(frame, features, frameStart);
            case ONSET_CANDIDATE -> inOnset(frame, features, frameStart);
            case SPEECH -> inSpeech(frame, features, frameStart);
        };
    }

    /** Media time fed so far, in milliseconds: the end of the last frame. */
    public long mediaTimeMillis() {
        return samplesFed * 1000 / config.sampleRateHz();
    }

    public VadConfig config() {
        return config;
    }

    private VadDecision inSilence(short[] frame, FrameFeatures features, long frameStart) {
        double threshold = onsetThresholdDb();
        if (features.levelDb() < threshold) {
            floor.follow(features.levelDb());
            return decision(Activity.SILENCE, features);
        }
        state = State.ONSET_CANDIDATE;
        startMillis = frameStart + features.firstSoundOffsetMillis(threshold);
        voicedFrames = 0;
        quietestLoudFrameDb = features.levelDb();
        return inOnset(frame, features, frameStart);
    }

    private VadDecision inOnset(short[] frame, FrameFeatures features, long frameStart) {
        double threshold = onsetThresholdDb();
        if (features.levelDb() >= threshold) {
            lastSoundMillis = frameStart + features.lastSoundEndMillis(threshold);
            quietestLoudFrameDb = Math.min(quietestLoudFrameDb, features.levelDb());
            if (voiced(frame)) {
                voicedFrames++;
                lastVoicedMillis = lastSoundMillis;
            }
            if (voicedFrames >= config.voicedFramesToConfirm()) {
                state = State.SPEECH;
                return decision(Activity.ONSET, features);
            }
        }
        long now = mediaTimeMillis();
        if (now - startMillis > config.maxOnsetMillis()) {
            floor.reset(quietestLoudFrameDb); // a long loud run without voice: the line's new noise
            return endTalkspurt(Activity.SILENCE, features);
        }
        if (now - lastSoundMillis > MAX_ONSET_GAP_MILLIS) {
            return endTalkspurt(Activity.SILENCE, features); // a click or a cough: forget it
        }
        return decision(Activity.SILENCE, features);
    }

    private VadDecision inSpeech(short[] frame, FrameFeatures features, long frameStart) {
        double threshold = offsetThresholdDb();
        if (features.levelDb() >= threshold) {
            lastSoundMillis = frameStart + features.lastSoundEndMillis(threshold);
            if (voiced(frame)) {
                lastVoicedMillis = lastSoundMillis;
            } else if (lastSoundMillis - lastVoicedMillis > config.maxUnvoicedMillis()) {
                floor.reset(features.levelDb());
                lastSoundMillis = lastVoicedMillis;
                return endTalkspurt(Activity.OFFSET, features);
            }
            return decision(Activity.SPEECH, features);
        }
        if (mediaTimeMillis() - lastSoundMillis >= config.hangoverMillis()) {
            return endTalkspurt(Activity.OFFSET, features);
        }
        return decision(Activity.SPEECH, features);
    }

    private VadDecision endTalkspurt(Activity activity, FrameFeatures features) {
        VadDecision decision = decision(activity, features);
        state = State.SILENCE;
        startMillis = -1;
        lastSoundMillis = -1;
        lastVoicedMillis = -1;
        return decision;
    }

    private boolean voiced(short[] frame) {
        return analyzer.periodicity() >= config.minPeriodicity()
                && analyzer.toneRatio(frame) < config.maxToneRatio();
    }

    private double onsetThresholdDb() {
        return Math.max(floor.levelDb() + config.onsetMarginDb(), config.minSpeechLevelDb());
    }

    private double offsetThresholdDb() {
        return Math.max(floor.levelDb() + config.offsetMarginDb(), config.minSpeechLevelDb());
    }

    private VadDecision decision(Activity activity, FrameFeatures features) {
        boolean inTalkspurt = activity != Activity.SILENCE;
        return new VadDecision(activity, inTalkspurt ? startMillis : -1,
                inTalkspurt ? lastSoundMillis : -1, features.levelDb(), floor.levelDb());
    }
}
