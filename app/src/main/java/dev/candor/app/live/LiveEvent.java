package dev.candor.app.live;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened on a live call, as pushed to the console.
 *
 * @param type {@code call_started}, {@code turn}, {@code status}, {@code decision} or {@code call_ended}
 * @param agent the agent handling the call, if any: decides which agents may see the event
 */
public record LiveEvent(String type, String callId, Optional<String> agent, Instant at, Map<String, Object> data) {
    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(at, "at");
        data = Map.copyOf(data);
    }
}
