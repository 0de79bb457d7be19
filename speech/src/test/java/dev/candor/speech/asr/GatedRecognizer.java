package dev.candor.speech.asr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST-ONLY recognizer that recognises nothing: each {@code accept} waits at a gate the test opens,
 * and records which threads fed it and how many callers were inside at once (across every gated
 * recognizer sharing {@code inside}). Optionally throws on the n-th frame. {@code finish} returns a
 * final "done" so a test can see it was called.
 */
final class GatedRecognizer implements SpeechRecognizer {
    final CountDownLatch gate;
    final CountDownLatch entered = new CountDownLatch(1);
    final List<String> threads = new ArrayList<>();
    private final AtomicInteger inside;
    private final AtomicInteger maxInside;
    private final int failOnFrame;
    private int ownInside;
    volatile boolean selfOverlap;
    volatile int frames;
    volatile boolean finished;
    volatile boolean closed;

    GatedRecognizer(CountDownLatch gate, AtomicInteger inside, AtomicInteger maxInside, int failOnFrame) {
        this.gate = gate;
        this.inside = inside;
        this.maxInside = maxInside;
        this.failOnFrame = failOnFrame;
    }

    static GatedRecognizer open() {
        return new GatedRecognizer(new CountDownLatch(0), new AtomicInteger(), new AtomicInteger(), -1);
    }

    @Override
    public List<RecognitionEvent> accept(short[] pcm8k) {
        synchronized (this) {
            if (++ownInside > 1) {
                selfOverlap = true;
            }
            threads.add(Thread.currentThread().getName());
        }
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        entered.countDown();
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
            int n = ++frames;
            if (n == failOnFrame) {
                throw new IllegalStateException("engine failure on frame " + n);
            }
            return new ArrayList<>();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inside.decrementAndGet();
            synchronized (this) {
                ownInside--;
            }
        }
    }

    @Override
    public List<RecognitionEvent> finish() {
        finished = true;
        return List.of(new RecognitionEvent.Final("done", 1, 0, 0, List.of()));
    }

    @Override
    public void close() {
        closed = true;
    }
}
