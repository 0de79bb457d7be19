package dev.candor.app.call;

import dev.candor.telephony.sip.limits.LogSafe;

/** Keeps full phone numbers and user names out of INFO logs and the console. */
public final class Redaction {
    private Redaction() {
    }

    /** {@code sip:+15551234567@host} → {@code sip:+155*****67@host}; control characters are removed. */
    public static String uri(String uri) {
        if (uri == null) {
            return "-";
        }
        String clean = uri.replaceAll("\\p{Cntrl}", "?");
        int colon = clean.indexOf(':');
        int at = clean.indexOf('@');
        if (colon < 0 || at <= colon + 1) {
            return clean;
        }
        String user = clean.substring(colon + 1, at);
        return clean.substring(0, colon + 1) + mask(user) + clean.substring(at);
    }

    /**
     * {@link #uri(String)} made safe for a log line: the caller's separators, quotes, {@code ../} and
     * control characters escaped by {@link LogSafe}, so a From header cannot forge or split a line.
     */
    public static String forLog(String uri) {
        return LogSafe.text(uri(uri));
    }

    /** {@code +15551234567} → {@code +155*****567}: a bare number for the audit log and INFO logs. */
    public static String number(String number) {
        return number == null ? "-" : mask(number.replaceAll("\\p{Cntrl}", "?"));
    }

    private static String mask(String user) {
        if (user.length() <= 4) {
            return "*".repeat(user.length());
        }
        int keep = Math.min(3, user.length() / 4);
        return user.substring(0, keep) + "*".repeat(user.length() - 2 * keep) + user.substring(user.length() - keep);
    }
}
