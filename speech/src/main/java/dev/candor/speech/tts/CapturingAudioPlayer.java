package dev.candor.speech.tts;

import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * A FreeTTS {@link AudioPlayer} that keeps the audio in memory instead of playing it, so synthesis
 * works on a headless server without sound hardware. Only {@link AudioFormat} (a plain value) is
 * used from {@code javax.sound}; no line or mixer is ever opened.
 *
 * <p>Confined to the thread that holds the owning synthesizer's lock.
 */
final class CapturingAudioPlayer implements AudioPlayer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format = new AudioFormat(16_000f, 16, 1, true, true);
    private float volume = 1.0f;

    /** Returns everything written since the last call as 16-bit mono samples, and clears it. */
    short[] takeSamples() {
        short[] samples = PcmDecoding.toMono16(bytes.toByteArray(), format);
        bytes.reset();
        return samples;
    }

    int sampleRateHz() {
        return Math.round(format.getSampleRate());
    }

    @Override
    public void setAudioFormat(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void reset() {}

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void begin(int size) {}

    @Override
    public boolean end() {
        return true;
    }

    @Override
    public void cancel() {
        bytes.reset();
    }

    @Override
    public void close() {}

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float volume) {
        this.volume = volume;
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {}

    @Override
    public void startFirstSampleTimer() {}

    @Override
    public boolean write(byte[] audioData) {
        return write(audioData, 0, audioData.length);
    }

    @Override
    public boolean write(byte[] audioData, int offset, int size) {
        bytes.write(audioData, offset, size);
        return true;
    }

    @Override
    public void showMetrics() {}
}
