package dev.candor.app.call;

import java.util.Locale;

/** What a supervisor can do on a live call. */
public enum SupervisionMode {
    /** Hear both sides, heard by nobody. */
    LISTEN,
    /** Talk to the agent only (not offered while Candor handles the call). */
    WHISPER,
    /** All hear each other. */
    BARGE,
    /** Replace Candor (or the agent): the supervisor and the caller talk. */
    TAKE_OVER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static SupervisionMode parse(String text) {
        for (SupervisionMode m : values()) {
            if (m.code().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("invalid mode: " + text + " (expected listen, whisper, barge or take_over)");
    }
}
