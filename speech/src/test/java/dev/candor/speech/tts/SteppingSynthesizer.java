package dev.candor.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test-only synthesizer double that finishes one call per permit the test {@link #allow}s, so a
 * test can hold synthesis between sentences. Audio is one sample per character, valued with the
 * call's number (1, 2, ...), so the order of chunks can be checked.
 */
final class SteppingSynthesizer implements SpeechSynthesizer {

    private final Semaphore permits = new Semaphore(0);
    private final List<String> started = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();

    @Override
    public short[] synthesize(String text) {
        int call;
        synchronized (this) {
            started.add(text);
            call = started.size();
        }
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never allowed synthesis of \"" + text + "\"");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        short[] pcm = new short[text.length()];
        java.util.Arrays.fill(pcm, (short) call);
        synchronized (this) {
            finished.add(text);
        }
        return pcm;
    }

    void allow(int calls) {
        permits.release(calls);
    }

    synchronized List<String> finished() {
        return List.copyOf(finished);
    }

    synchronized List<String> started() {
        return List.copyOf(started);
    }

    @Override
    public int sampleRateHz() {
        return 8000;
    }

    @Override
    public void close() {}
}
