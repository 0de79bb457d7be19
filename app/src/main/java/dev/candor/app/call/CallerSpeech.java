package dev.candor.app.call;

import dev.candor.speech.asr.RecognitionEvent;
import dev.candor.speech.asr.SpeechRecognizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Carries one caller's audio from the media thread to their recognizer on the recognition pool. The
 * media thread only queues a frame; a bounded queue (one second) keeps a slow recognizer from
 * growing memory: when full, the oldest frame is dropped and counted.
 */
final class CallerSpeech {
    private static final Logger log = LoggerFactory.getLogger(CallerSpeech.class);
    private static final int MAX_QUEUED_FRAMES = 50;

    private final String callId;
    private final SpeechRecognizer recognizer;
    private final Executor pool;
    private final Consumer<RecognitionEvent.Final> onFinal;
    private final ArrayDeque<short[]> frames = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;
    private long dropped;

    CallerSpeech(String callId, SpeechRecognizer recognizer, Executor pool, Consumer<RecognitionEvent.Final> onFinal) {
        this.callId = Objects.requireNonNull(callId, "callId");
        this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.onFinal = Objects.requireNonNull(onFinal, "onFinal");
    }

    /** Media thread: queue the frame and make sure a drain is scheduled. Never blocks. */
    void offer(short[] frame) {
        synchronized (frames) {
            if (closed) {
                return;
            }
            if (frames.size() >= MAX_QUEUED_FRAMES) {
                frames.pollFirst();
                dropped++;
            }
            frames.addLast(frame);
            if (draining) {
                return;
            }
            draining = true;
        }
        pool.execute(this::drain);
    }

    /** Recognition pool: one drain at a time per call, so the recognizer is never used concurrently. */
    private void drain() {
        while (true) {
            short[] frame;
            boolean finished;
            synchronized (frames) {
                finished = closed;
                frame = finished ? null : frames.pollFirst();
                if (frame == null) {
                    draining = false;
                }
            }
            if (finished) {
                closeRecognizer();
                return;
            }
            if (frame == null) {
                return;
            }
            deliver(recognizer.accept(frame));
        }
    }

    private void deliver(List<RecognitionEvent> events) {
        for (RecognitionEvent event : events) {
            if (event instanceof RecognitionEvent.Final fin && !fin.text().isBlank()) {
                onFinal.accept(fin);
            }
        }
    }

    /** The call ended: stop accepting audio and free the recognizer on the pool. */
    void close() {
        synchronized (frames) {
            if (closed) {
                return;
            }
            closed = true;
            frames.clear();
            if (draining) {
                return; // the running drain closes the recognizer when it sees the flag
            }
            draining = true;
        }
        pool.execute(this::drain);
    }

    private void closeRecognizer() {
        try {
            recognizer.close();
        } catch (RuntimeException e) {
            log.warn("call {}: closing the recognizer failed", callId, e);
        }
        if (dropped > 0) {
            log.info("call {}: {} caller audio frames dropped because recognition fell behind", callId, dropped);
        }
    }
}
