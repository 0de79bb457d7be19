package dev.candor.app.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored call. {@code answeredAt}, {@code endedAt} and {@code endReason} are empty until the
 * call is answered or ended; text columns that were stored as NULL read as {@code ""}.
 */
public record CallRow(
        String id,
        Direction direction,
        String fromUri,
        String toUri,
        String sipCallId,
        Instant startedAt,
        Optional<Instant> answeredAt,
        Optional<Instant> endedAt,
        Optional<String> endReason) {

    public CallRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(fromUri, "fromUri");
        Objects.requireNonNull(toUri, "toUri");
        Objects.requireNonNull(sipCallId, "sipCallId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endReason, "endReason");
    }
}
