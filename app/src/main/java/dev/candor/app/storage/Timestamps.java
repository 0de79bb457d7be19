package dev.candor.app.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Instants as stored: fixed-width ISO-8601 UTC text with milliseconds, {@code 2026-11-23T10:15:30.123Z}. */
final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }

    static Optional<Instant> parseNullable(String text) {
        return text == null ? Optional.empty() : Optional.of(parse(text));
    }
}
