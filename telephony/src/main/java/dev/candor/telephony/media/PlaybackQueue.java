package dev.candor.telephony.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing audio of one call leg: prompts wait here and leave as 20 ms frames.
 *
 * <p>Any thread may {@link #play} a prompt; the media clock thread drains the queue with
 * {@link #nextFrame()} once per tick; any thread may {@link #cancelAll()} (barge-in, hang-up).
 * Prompts play in the order they were queued. Each prompt's listener hears {@code started} when its
 * first frame is taken and {@code finished} when its last frame is taken (so about one frame
 * before the caller has heard it all) or when it is cancelled.
 *
 * <p>Listeners run on the thread that calls {@link #nextFrame()} or {@link #cancelAll()}, in
 * order, while a small internal lock is held: keep them cheap and never block in them. They may
 * call back into the queue. {@link #play} never takes that lock, so producers never wait.
 */
public final class PlaybackQueue {

    /** Samples in one 20 ms frame at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;

    private static final Logger log = LoggerFactory.getLogger(PlaybackQueue.class);

    private final ConcurrentLinkedQueue<Prompt> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object lock = new Object();
    /** The prompt being played; written only under {@link #lock}. */
    private volatile Prompt current;

    /**
     * Queues a prompt of 8 kHz PCM, copied. It is cut into frames of {@value #FRAME_SAMPLES}
     * samples, the last padded with silence; an empty prompt is finished as soon as it is reached.
     *
     * @return the playback id, unique within this queue, that the listener will be called with
     */
    public long play(short[] pcm8k, PlaybackListener listener) {
        Objects.requireNonNull(pcm8k, "pcm8k");
        Objects.requireNonNull(listener, "listener");
        long id = nextId.getAndIncrement();
        pending.add(new Prompt(id, pcm8k.clone(), listener));
        return id;
    }

    /**
     * Takes the next frame to send: a new array of {@value #FRAME_SAMPLES} samples, or null when
     * nothing is queued. Meant for one thread, the media clock.
     */
    public short[] nextFrame() {
        if (current == null && pending.isEmpty()) {
            return null;
        }
        synchronized (lock) {
            List<Runnable> callbacks = new ArrayList<>(3);
            short[] frame = takeFrame(callbacks);
            callbacks.forEach(Runnable::run);
            return frame;
        }
    }

    /**
     * Stops the prompt playing and drops every queued one; each listener hears
     * {@code finished(id, framesPlayed, false)}.
     *
     * @return how many prompts were stopped or dropped
     */
    public int cancelAll() {
        synchronized (lock) {
            List<Runnable> callbacks = new ArrayList<>();
            Prompt playing = current;
            if (playing != null) {
                current = null;
                int framesPlayed = playing.framesPlayed;
                callbacks.add(() -> playing.finished(framesPlayed, false));
            }
            for (Prompt queued = pending.poll(); queued != null; queued = pending.poll()) {
                Prompt dropped = queued;
                callbacks.add(() -> dropped.finished(0, false));
            }
            callbacks.forEach(Runnable::run);
            return callbacks.size();
        }
    }

    /** Whether a prompt is playing or queued. */
    public boolean isPlaying() {
        return current != null || !pending.isEmpty();
    }

    /** Advances the state under the lock; listener calls are collected and made afterwards. */
    private short[] takeFrame(List<Runnable> callbacks) {
        while (true) {
            Prompt prompt = current;
            if (prompt == null) {
                prompt = pending.poll();
                if (prompt == null) {
                    return null;
                }
                current = prompt;
            }
            Prompt p = prompt;
            if (p.framesPlayed == p.totalFrames) {
                current = null;
                callbacks.add(() -> p.finished(0, true));
                continue;
            }
            if (p.framesPlayed == 0) {
                callbacks.add(p::started);
            }
            short[] frame = p.frame(p.framesPlayed++);
            if (p.framesPlayed == p.totalFrames) {
                current = null;
                int framesPlayed = p.framesPlayed;
                callbacks.add(() -> p.finished(framesPlayed, true));
            }
            return frame;
        }
    }

    /** One queued prompt; {@code framesPlayed} is guarded by the queue's lock. */
    private static final class Prompt {
        final long id;
        final short[] pcm;
        final PlaybackListener listener;
        final int totalFrames;
        int framesPlayed;

        Prompt(long id, short[] pcm, PlaybackListener listener) {
            this.id = id;
            this.pcm = pcm;
            this.listener = listener;
            this.totalFrames = (pcm.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        }

        short[] frame(int index) {
            int from = index * FRAME_SAMPLES;
            return Arrays.copyOfRange(pcm, from, from + FRAME_SAMPLES);
        }

        void started() {
            try {
                listener.started(id);
            } catch (RuntimeException e) {
                log.warn("playback listener failed in started({})", id, e);
            }
        }

        void finished(int framesPlayed, boolean completed) {
            try {
                listener.finished(id, framesPlayed, completed);
            } catch (RuntimeException e) {
                log.warn("playback listener failed in finished({}, {}, {})", id, framesPlayed, completed, e);
            }
        }
    }
}
