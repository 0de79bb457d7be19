package dev.candor.speech.asr;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded worker pool every call's recognition runs on: a fixed number of daemon threads
 * ({@value #THREAD_PREFIX}1, ...), sized to the cores by default, never a Netty event loop or the
 * media clock. Each call gets a {@link RecognitionStream} that queues its audio and runs its
 * recognizer here, one task at a time per call, so a call's recognizer is never used concurrently
 * and the pool's queue never holds more than one task per open stream.
 *
 * <p>Limits are explicit: at most {@code maxStreams} streams are open at once ({@link #open} throws
 * beyond), and each queues at most {@code maxQueuedFrames} frames (the oldest is dropped and counted
 * when recognition falls behind).
 *
 * <p>Thread-safe.
 */
public final class RecognitionPool implements AutoCloseable {

    /** Names of the pool's threads: this prefix and a number. */
    public static final String THREAD_PREFIX = "candor-asr-";
    /** Frames a stream queues by default: one second of audio. */
    public static final int DEFAULT_MAX_QUEUED_FRAMES = 50;

    private final ThreadPoolExecutor executor;
    private final int maxStreams;
    private final int maxQueuedFrames;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param threads         worker threads, at least 1
     * @param maxStreams      streams open at once, at least 1 (the maximum of concurrent calls)
     * @param maxQueuedFrames frames each stream may queue, at least 1
     */
    public RecognitionPool(int threads, int maxStreams, int maxQueuedFrames) {
        requireAtLeastOne("recognition threads", threads);
        requireAtLeastOne("recognition streams", maxStreams);
        requireAtLeastOne("queued frames per stream", maxQueuedFrames);
        this.maxStreams = maxStreams;
        this.maxQueuedFrames = maxQueuedFrames;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxStreams), task -> {
                    Thread thread = new Thread(task, THREAD_PREFIX + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** A pool with one thread per core, for up to {@code maxStreams} concurrent calls. */
    public static RecognitionPool sizedToCores(int maxStreams) {
        return new RecognitionPool(Runtime.getRuntime().availableProcessors(), maxStreams,
                DEFAULT_MAX_QUEUED_FRAMES);
    }

    /**
     * Starts recognising one call with its own recognizer (from the shared model); the stream owns
     * the recognizer from now on and closes it.
     *
     * @param callId for logs
     * @throws IllegalStateException when {@code maxStreams} streams are already open, or the pool is closed
     */
    public RecognitionStream open(String callId, SpeechRecognizer recognizer, RecognitionListener listener) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(recognizer, "recognizer");
        Objects.requireNonNull(listener, "listener");
        if (executor.isShutdown()) {
            recognizer.close();
            throw new IllegalStateException("recognition pool is closed (expected an open pool)");
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            recognizer.close();
            throw new IllegalStateException("too many recognition streams for call " + callId + ": " + maxStreams
                    + " open (expected at most " + maxStreams + ")");
        }
        RecognitionStream stream = new RecognitionStream(callId, recognizer, listener, executor, maxQueuedFrames);
        stream.done().whenComplete((ignored, error) -> open.decrementAndGet());
        return stream;
    }

    /** Streams open now. */
    public int openStreams() {
        return open.get();
    }

    /** Stops the threads once the tasks under way finish, waiting up to {@code timeout}. */
    public void close(Duration timeout) {
        executor.shutdown();
        try {
            executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #close(Duration)} with two seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    private static void requireAtLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("invalid number of " + what + ": " + value + " (expected at least 1)");
        }
    }
}
