package dev.candor.app.storage;

import java.util.Locale;

/** Who placed a call: stored as {@code inbound} or {@code outbound}. */
public enum Direction {
    INBOUND,
    OUTBOUND;

    /** The stored text, lower case. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Direction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
