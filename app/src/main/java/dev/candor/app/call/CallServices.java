package dev.candor.app.call;

import dev.candor.app.live.LiveCalls;
import dev.candor.app.storage.CallStore;
import dev.candor.speech.asr.RecognizerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What every call session shares: storage, the live view, the handoff targets, speech recognition (when a
 * model is available) and the thread pools.
 *
 * @param workers runs short application work off the media and network threads
 * @param recognition runs speech recognition; bounded and sized to the cores
 */
public record CallServices(CallStore store, LiveCalls live, Prompts prompts, Handoffs handoffs,
                           Optional<RecognizerFactory> recognizers, Executor workers, Executor recognition,
                           Clock clock) {
    public CallServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(handoffs, "handoffs");
        Objects.requireNonNull(recognizers, "recognizers");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(clock, "clock");
    }
}
