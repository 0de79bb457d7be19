package dev.candor.app.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A new call as {@link CallStore#createCall} records it. All fields are required; use
 * {@code ""} for a URI or SIP Call-ID not known yet.
 */
public record CallRecord(
        String id, Direction direction, String fromUri, String toUri, String sipCallId, Instant startedAt) {

    public CallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(fromUri, "fromUri");
        Objects.requireNonNull(toUri, "toUri");
        Objects.requireNonNull(sipCallId, "sipCallId");
        Objects.requireNonNull(startedAt, "startedAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("invalid call id: \"" + id + "\" (expected a non-blank id)");
        }
    }
}
