package dev.candor.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only synthesizer double: returns one sample per character, counts calls, can be held at a
 * gate and can be told to fail its next call.
 */
final class CountingSynthesizer implements SpeechSynthesizer {

    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> texts = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile RuntimeException nextFailure;

    @Override
    public short[] synthesize(String text) {
        calls.incrementAndGet();
        synchronized (texts) {
            texts.add(text);
        }
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the test gate", e);
        }
        RuntimeException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
        return new short[text.length()];
    }

    @Override
    public int sampleRateHz() {
        return 8000;
    }

    @Override
    public void close() {}

    int calls() {
        return calls.get();
    }

    List<String> texts() {
        synchronized (texts) {
            return List.copyOf(texts);
        }
    }

    void holdAtGate(CountDownLatch gate) {
        this.gate = gate;
    }

    void failNextCall(RuntimeException failure) {
        this.nextFailure = failure;
    }
}
