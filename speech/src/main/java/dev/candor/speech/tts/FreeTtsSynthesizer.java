package dev.candor.speech.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import dev.candor.speech.resample.Resampler;
import java.util.Objects;

/**
 * FreeTTS synthesis captured in memory and resampled to the output rate.
 *
 * <p>The voice is allocated once, in the constructor. Its audio goes to a {@link
 * CapturingAudioPlayer}, never to a sound device, so this works on a headless server. FreeTTS
 * voices are not thread-safe, so {@link #synthesize} is serialised on this instance; it is safe to
 * call from several threads.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

    /** The FreeTTS system property listing voice directories. */
    static final String VOICES_PROPERTY = "freetts.voices";

    /** The voice directory bundled with FreeTTS 1.2.2 that provides {@code kevin16}. */
    static final String KEVIN_DIRECTORY =
            "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    /** At most this much silence is left before the first sound. */
    static final int LEADING_SILENCE_MILLIS = 50;

    private final String voiceName;
    private final int outputRateHz;
    private final Object lock = new Object();
    private final Voice voice;
    private final CapturingAudioPlayer player = new CapturingAudioPlayer();
    private boolean closed;

    /**
     * Allocates the voice.
     *
     * @param voiceName a FreeTTS voice, e.g. {@code "kevin16"}
     * @param wordsPerMinute speaking rate; zero or less keeps the voice's default
     * @param outputRateHz rate of the returned PCM, e.g. 8000
     * @throws IllegalStateException naming the voice when FreeTTS does not know it
     */
    public FreeTtsSynthesizer(String voiceName, float wordsPerMinute, int outputRateHz) {
        this.voiceName = Objects.requireNonNull(voiceName, "voiceName");
        if (outputRateHz <= 0) {
            throw new IllegalArgumentException(
                    "invalid output rate: " + outputRateHz + " Hz (expected > 0)");
        }
        this.outputRateHz = outputRateHz;
        if (System.getProperty(VOICES_PROPERTY) == null) {
            System.setProperty(VOICES_PROPERTY, KEVIN_DIRECTORY);
        }
        this.voice = VoiceManager.getInstance().getVoice(voiceName);
        if (voice == null) {
            throw new IllegalStateException(
                    "FreeTTS voice not found: \"" + voiceName + "\" (known voices: " + knownVoices()
                            + "; freetts.voices=" + System.getProperty(VOICES_PROPERTY) + ")");
        }
        voice.setAudioPlayer(player);
        voice.allocate();
        if (wordsPerMinute > 0) {
            voice.setRate(wordsPerMinute);
        }
    }

    /** A synthesizer with FreeTTS's {@code kevin16} voice at its default rate, producing 8 kHz. */
    public static FreeTtsSynthesizer kevin8k() {
        return new FreeTtsSynthesizer("kevin16", 0, 8000);
    }

    @Override
    public short[] synthesize(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return new short[0];
        }
        short[] native16;
        int nativeRateHz;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("FreeTTS voice " + voiceName + " is closed");
            }
            player.takeSamples(); // discard anything left by an earlier failure
            if (!voice.speak(text)) {
                player.takeSamples();
                throw new IllegalStateException(
                        "FreeTTS voice " + voiceName + " failed to speak: \"" + abbreviate(text) + "\"");
            }
            native16 = player.takeSamples();
            nativeRateHz = player.sampleRateHz();
        }
        short[] trimmed = LeadingSilence.trim(native16, nativeRateHz, LEADING_SILENCE_MILLIS);
        return Resampler.convert(trimmed, nativeRateHz, outputRateHz);
    }

    @Override
    public int sampleRateHz() {
        return outputRateHz;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                voice.deallocate();
            }
        }
    }

    @Override
    public String toString() {
        return "FreeTTS " + voiceName + " at " + outputRateHz + " Hz";
    }

    private static String knownVoices() {
        StringBuilder names = new StringBuilder();
        for (Voice known : VoiceManager.getInstance().getVoices()) {
            names.append(names.length() == 0 ? "" : ", ").append(known.getName());
        }
        return names.length() == 0 ? "none" : names.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
