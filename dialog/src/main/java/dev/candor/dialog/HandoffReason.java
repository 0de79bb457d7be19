package dev.candor.dialog;

import java.util.Locale;

/** Why a caller is handed to a person: a closed set, stored and shown verbatim by {@link #code()}. */
public enum HandoffReason {
    CALLER_REQUEST,
    HIGH_VALUE,
    CALLER_UPSET,
    NOT_UNDERSTOOD,
    VIP,
    SENSITIVE_TOPIC,
    ASR_UNAVAILABLE,
    SUPERVISOR_TAKEOVER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
