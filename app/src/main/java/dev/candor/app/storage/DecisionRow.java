package dev.candor.app.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored decision. {@code detailsJson} is the JSON object text written by
 * {@link CallStore#addDecision} ({@code "{}"} for no details), ready to embed in API responses.
 */
public record DecisionRow(long id, String callId, String kind, String reason, String detailsJson, Instant decidedAt) {

    public DecisionRow {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detailsJson, "detailsJson");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
