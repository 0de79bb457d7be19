package dev.candor.app.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored turn; {@code endedAt} is empty while the turn is in progress (or was cut by a crash). */
public record TurnRow(
        long id, String callId, Speaker speaker, String text, Instant startedAt, Optional<Instant> endedAt,
        boolean interrupted) {

    public TurnRow {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
