package dev.candor.telephony.media;

/**
 * Hears about one prompt given to a {@link PlaybackQueue}.
 *
 * <p>Called on the thread that calls {@link PlaybackQueue#nextFrame()} (the media clock) or
 * {@link PlaybackQueue#cancelAll()}. Keep it cheap and non-blocking: hand work to another thread.
 * An exception thrown here is logged and does not disturb the queue.
 */
public interface PlaybackListener {

    /** A listener that ignores everything. */
    PlaybackListener NONE = new PlaybackListener() {
    };

    /** The first frame of prompt {@code id} was taken for sending. */
    default void started(long id) {
    }

    /**
     * Prompt {@code id} is over: all its frames were taken ({@code completed}), or it was cancelled
     * after {@code framesPlayed} frames (0 if it never started).
     */
    default void finished(long id, int framesPlayed, boolean completed) {
    }
}
