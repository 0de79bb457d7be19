package dev.candor.telephony.media;

/** Called by the {@link MediaClock} every 20 ms, on the clock's thread. Must not block. */
@FunctionalInterface
public interface MediaTickListener {

    /** @param tick the number of this tick, counting from 0 when the clock started */
    void onTick(long tick);
}
