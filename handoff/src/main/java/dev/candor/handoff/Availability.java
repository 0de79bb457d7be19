package dev.candor.handoff;

import java.util.Locale;

/** Whether an agent can take a call now. */
public enum Availability {
    AVAILABLE, ON_CALL, WRAP_UP, AWAY, OFFLINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static Availability parse(String text) {
        for (Availability a : values()) {
            if (a.code().equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("invalid availability: " + text
                + " (expected available, on_call, wrap_up, away or offline)");
    }
}
