package dev.candor.app.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The do-not-call list: a number is added when its owner asks never to be called again, and every
 * outbound dial checks it. Numbers are kept in one canonical form (see {@link #canonical}), so
 * {@code sip:+1 555-0100@trunk} and {@code tel:+15550100} are the same entry.
 */
public final class DoNotCallStore {
    private final Database db;

    public DoNotCallStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * The number in a SIP or tel URI (or a bare number) in canonical form: digits, with a leading
     * {@code +} kept; anything that is not a phone number (a user name) is kept lower-cased.
     */
    public static String canonical(String uriOrNumber) {
        String s = uriOrNumber.trim();
        int colon = s.indexOf(':');
        if (s.regionMatches(true, 0, "sip:", 0, 4) || s.regionMatches(true, 0, "sips:", 0, 5)
                || s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(colon + 1);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int semicolon = s.indexOf(';');
        if (semicolon >= 0) {
            s = s.substring(0, semicolon);
        }
        String digits = s.replaceAll("[\\s().\\-]", "");
        if (digits.matches("\\+?[0-9]+")) {
            return digits;
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Adds the number (again: the first request and its reason are kept). */
    public void add(String uriOrNumber, Optional<String> callId, String reason, Instant at) {
        db.withConnection("add to do-not-call list", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO do_not_call (number, call_id, reason, added_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (number) DO NOTHING")) {
                ps.setString(1, canonical(uriOrNumber));
                ps.setString(2, callId.orElse(null));
                ps.setString(3, reason);
                ps.setString(4, Timestamps.format(at));
                return ps.executeUpdate();
            }
        });
    }

    public boolean contains(String uriOrNumber) {
        return db.withConnection("check do-not-call list", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM do_not_call WHERE number = ?")) {
                ps.setString(1, canonical(uriOrNumber));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
