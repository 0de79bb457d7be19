package dev.candor.speech.asr;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's audio on its way to its recognizer, made by {@link RecognitionPool#open}.
 *
 * <p>{@link #offer} is for the media thread: it only queues the frame (at most the pool's limit; the
 * oldest is dropped and counted when recognition falls behind) and makes sure one drain task is
 * scheduled. The drain runs on the pool, feeds the queued frames in order, and hands the events to
 * the {@link RecognitionListener}; one drain at a time per stream. {@link #finish} ends the audio
 * gracefully: the queued frames are recognised, then the recognizer's last result, then it is
 * closed. {@link #close} ends it at once: queued frames are dropped and the recognizer is closed
 * without a last result. A recognizer that throws stops the stream and is reported once through
 * {@link RecognitionListener#onError}.
 *
 * <p>Thread-safe.
 */
public final class RecognitionStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecognitionStream.class);

    private enum Phase { OPEN, FINISHING, CLOSING }

    private final String callId;
    private final SpeechRecognizer recognizer;
    private final RecognitionListener listener;
    private final Executor pool;
    private final int maxQueuedFrames;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicLong recognised = new AtomicLong();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closedRecognizer = new AtomicBoolean();

    private final Object lock = new Object();
    private final ArrayDeque<short[]> frames = new ArrayDeque<>();
    private Phase phase = Phase.OPEN;
    private boolean draining;
    /** The recognizer has been claimed for its last use (finish or close): no drain touches it again. */
    private boolean released;
    private long dropped;

    RecognitionStream(String callId, SpeechRecognizer recognizer, RecognitionListener listener, Executor pool,
                      int maxQueuedFrames) {
        this.callId = Objects.requireNonNull(callId, "callId");
        this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.maxQueuedFrames = maxQueuedFrames;
    }

    /** Queues one frame of 8 kHz PCM for recognition. Never blocks; ignored once finishing or closed. */
    public void offer(short[] frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (lock) {
            if (phase != Phase.OPEN) {
                return;
            }
            if (frames.size() >= maxQueuedFrames) {
                frames.pollFirst();
                dropped++;
            }
            frames.addLast(frame);
            if (draining) {
                return;
            }
            draining = true;
        }
        schedule();
    }

    /** Ends the audio: what is queued is recognised, then the recognizer's last result is delivered. */
    public void finish() {
        end(Phase.FINISHING);
    }

    /** Stops at once: queued frames are dropped and the recognizer is closed without a last result. */
    @Override
    public void close() {
        end(Phase.CLOSING);
    }

    /** Completes once the recognizer is closed, whichever way the stream ended. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Frames dropped because recognition fell behind. */
    public long droppedFrames() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Frames the recognizer has been fed. */
    public long recognisedFrames() {
        return recognised.get();
    }

    private void end(Phase next) {
        synchronized (lock) {
            if (phase == Phase.CLOSING || (phase == Phase.FINISHING && next == Phase.FINISHING)) {
                return;
            }
            phase = next;
            if (next == Phase.CLOSING) {
                frames.clear();
            }
            if (draining) {
                return;                 // the running drain sees the new phase
            }
            draining = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                draining = false;
                phase = Phase.CLOSING;
                frames.clear();
                released = true;
            }
            fail(new IllegalStateException("recognition pool rejected call " + callId + " (closed or full)", e));
        }
    }

    /** On the pool: feeds the queue until it is empty, then finishes or closes if asked. */
    private void drain() {
        while (true) {
            short[] frame;
            Phase now;
            synchronized (lock) {
                now = phase;
                frame = now == Phase.CLOSING ? null : frames.pollFirst();
                if (frame == null) {
                    draining = false;
                    if (now == Phase.OPEN || released) {
                        return;
                    }
                    released = true;
                }
            }
            if (frame == null) {
                if (now == Phase.FINISHING) {
                    try {
                        deliver(recognizer.finish());
                    } catch (RuntimeException e) {
                        fail(e);
                        return;
                    }
                }
                release();
                return;
            }
            try {
                List<RecognitionEvent> events = recognizer.accept(frame);
                recognised.incrementAndGet();
                deliver(events);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    phase = Phase.CLOSING;
                    frames.clear();
                    released = true;
                }
                fail(e);
                return;
            }
        }
    }

    private void deliver(List<RecognitionEvent> events) {
        for (RecognitionEvent event : events) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.error("call {}: the recognition listener failed on {}", callId, event, e);
            }
        }
    }

    private void fail(RuntimeException error) {
        if (!failed.compareAndSet(false, true)) {
            return;
        }
        log.warn("call {}: speech recognition stopped: {}", callId, error.toString());
        try {
            listener.onError(error);
        } catch (RuntimeException e) {
            log.error("call {}: the recognition listener failed on an error", callId, e);
        }
        release();
    }

    private void release() {
        if (!closedRecognizer.compareAndSet(false, true)) {
            return;
        }
        try {
            recognizer.close();
        } catch (RuntimeException e) {
            log.warn("call {}: closing the recognizer failed", callId, e);
        }
        long lost = droppedFrames();
        if (lost > 0) {
            log.info("call {}: {} caller audio frames dropped because recognition fell behind", callId, lost);
        }
        done.complete(null);
    }
}
