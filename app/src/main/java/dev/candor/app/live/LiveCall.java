package dev.candor.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one live call for the console.
 *
 * @param caller the caller's URI with the number partly masked
 * @param status {@code candor} (Candor is talking), {@code connecting} (ringing an agent),
 *     {@code whisper} (the agent hears the summary), {@code with_agent}, {@code supervised}
 * @param summary the handoff summary for the person taking the call
 */
public record LiveCall(String id, String caller, Instant startedAt, String status, Optional<String> agent,
                       Optional<String> handoffReason, Optional<String> summary, List<Line> transcript) {

    /** One line of the transcript. */
    public record Line(String speaker, String text, Instant at) {
    }
}
