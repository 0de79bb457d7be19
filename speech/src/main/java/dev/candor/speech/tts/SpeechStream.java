package dev.candor.speech.tts;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reply being synthesised sentence by sentence on an executor while its first sentences are
 * already available: the media clock {@link #poll()}s without blocking, barge-in {@link
 * #cancel()}s.
 *
 * <p>Thread-safe: one synthesis task produces, any thread consumes. Sentences come out in order.
 * Synthesis stops at the first engine failure, which {@link #failure()} then reports; sentences
 * delivered before it stay available.
 */
public final class SpeechStream {

    /** Marks the end of the stream in the queue; never handed out. */
    private static final SentenceAudio END = new SentenceAudio(0, "", new short[0], true);

    private final LinkedBlockingQueue<SentenceAudio> ready = new LinkedBlockingQueue<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile RuntimeException failure;
    private volatile boolean ended;

    private SpeechStream() {}

    /**
     * Starts synthesising {@code text} on {@code executor} and returns at once.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the executor refuses the task
     */
    public static SpeechStream start(SpeechSynthesizer synthesizer, String text, Executor executor) {
        Objects.requireNonNull(synthesizer, "synthesizer");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(executor, "executor");
        SpeechStream stream = new SpeechStream();
        executor.execute(() -> stream.produce(synthesizer, text));
        return stream;
    }

    /** The next sentence if it is ready, else {@code null}; never blocks. */
    public SentenceAudio poll() {
        SentenceAudio next = ready.poll();
        return handOut(next);
    }

    /**
     * The next sentence, waiting up to {@code timeout} for it; {@code null} when the stream has
     * ended (or ends while waiting) or the time runs out. For workers, not for the media clock.
     */
    public SentenceAudio next(Duration timeout) throws InterruptedException {
        if (ended) {
            return null;
        }
        SentenceAudio next = ready.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return handOut(next);
    }

    /**
     * Stops synthesising: the sentence being synthesised is dropped and no further one starts.
     * Sentences already delivered can still be polled; use {@link #isEnded()} to know when none
     * will follow.
     */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Whether every sentence that will ever come out has been taken. */
    public boolean isEnded() {
        return ended;
    }

    /** The engine failure that stopped synthesis, if any. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private SentenceAudio handOut(SentenceAudio next) {
        if (next == END) {
            ended = true;
            return null;
        }
        return next;
    }

    private void produce(SpeechSynthesizer synthesizer, String text) {
        try {
            synthesizer.synthesizeStreaming(text, sentence -> {
                if (cancelled.get()) {
                    return false;
                }
                ready.add(sentence);
                return !cancelled.get();
            });
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            ready.add(END);
        }
    }
}
