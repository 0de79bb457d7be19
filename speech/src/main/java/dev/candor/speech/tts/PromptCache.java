package dev.candor.speech.tts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Synthesises each prompt text once and keeps the audio, least recently used first out.
 *
 * <p>Thread-safe. Concurrent callers asking for the same text share one synthesis. {@link #get}
 * returns the cached array itself, not a copy: callers must not modify it.
 */
public final class PromptCache {

    /** Default number of prompts kept; about 3 s each at 8 kHz is under 50 KB a prompt. */
    public static final int DEFAULT_MAX_ENTRIES = 256;

    private final SpeechSynthesizer synthesizer;
    private final int maxEntries;
    private final Map<String, FutureTask<short[]>> entries;

    public PromptCache(SpeechSynthesizer synthesizer) {
        this(synthesizer, DEFAULT_MAX_ENTRIES);
    }

    public PromptCache(SpeechSynthesizer synthesizer, int maxEntries) {
        this.synthesizer = Objects.requireNonNull(synthesizer, "synthesizer");
        if (maxEntries < 1) {
            throw new IllegalArgumentException(
                    "invalid prompt cache size: " + maxEntries + " (expected >= 1)");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * The audio for {@code text}, synthesised on the first request. A failed synthesis is not
     * cached; its exception reaches every caller that waited for it.
     */
    public short[] get(String text) {
        Objects.requireNonNull(text, "text");
        FutureTask<short[]> task;
        boolean mine = false;
        synchronized (entries) {
            task = entries.get(text);
            if (task == null) {
                task = new FutureTask<>(() -> synthesizer.synthesize(text));
                entries.put(text, task);
                evictBeyondCapacity();
                mine = true;
            }
        }
        if (mine) {
            task.run();
        }
        return await(text, task);
    }

    /** Whether {@code text} has been synthesised (or is being synthesised) and is still kept. */
    public boolean contains(String text) {
        synchronized (entries) {
            return entries.containsKey(text);
        }
    }

    /** Synthesises every text not yet cached, on the calling thread. */
    public void warm(Collection<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (String text : texts) {
            get(text);
        }
    }

    /** Number of prompts cached or being synthesised. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public int maxEntries() {
        return maxEntries;
    }

    private void evictBeyondCapacity() {
        var eldest = entries.keySet().iterator();
        while (entries.size() > maxEntries && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private short[] await(String text, FutureTask<short[]> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException | CancellationException e) {
            synchronized (entries) {
                entries.remove(text, task);
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("synthesis failed for prompt \"" + text + "\"", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
