package dev.candor.app.call;

/** Text to 8 kHz PCM for a call: cached for fixed prompts, synthesised for the rest. */
@FunctionalInterface
public interface Prompts {
    short[] pcm(String text);

    /** Whether {@code text} is ready to play at once (synthesised at start-up or said before). */
    default boolean cached(String text) {
        return false;
    }
}
