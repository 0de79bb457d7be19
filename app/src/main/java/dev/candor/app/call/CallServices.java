package dev.candor.app.call;

import dev.candor.app.live.LiveCalls;
import dev.candor.app.recording.CallRecorder;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.DoNotCallStore;
import dev.candor.handoff.HandoffQueue;
import dev.candor.telephony.media.MediaClock;
import dev.candor.speech.asr.RecognitionPool;
import dev.candor.speech.asr.RecognizerFactory;
import dev.candor.app.metrics.LatencyMetrics;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call session shares: storage, the live view, the handoff targets, speech recognition (when a
 * model is available) and the thread pools.
 *
 * @param workers runs short application work off the media and network threads
 * @param recognition runs speech recognition; bounded and sized to the cores
 * @param metrics how long the steps of replies take, for /api/metrics
 * @param timers one thread for the few timed things a call does (queue checks, callback offers)
 * @param recorder records each call once established ({@link CallRecorder#OFF} when recording is off)
 */
public record CallServices(CallStore store, CallbackStore callbacks, DoNotCallStore doNotCall, LiveCalls live, CallSessions sessions,
                           MediaClock mediaClock, Prompts prompts,
                           Handoffs handoffs, HandoffQueue queue, Optional<RecognizerFactory> recognizers,
                           Executor workers, RecognitionPool recognition, LatencyMetrics metrics,
                           ScheduledExecutorService timers, Clock clock, CallRecorder recorder) {
    public CallServices {
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(doNotCall, "doNotCall");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(mediaClock, "mediaClock");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(handoffs, "handoffs");
        Objects.requireNonNull(recognizers, "recognizers");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
    }
}
