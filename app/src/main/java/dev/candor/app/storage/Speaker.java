package dev.candor.app.storage;

import java.util.Locale;

/** Who spoke a turn: stored as {@code caller}, {@code candor}, {@code agent} or {@code supervisor}. */
public enum Speaker {
    CALLER,
    CANDOR,
    AGENT,
    SUPERVISOR;

    /** The stored text, lower case. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Speaker fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
