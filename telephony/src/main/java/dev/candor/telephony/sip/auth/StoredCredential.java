package dev.candor.telephony.sip.auth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the registrar knows about one user: HA1 = H(user:realm:password) per algorithm, never the
 * password (RFC 7616 §5.12 allows storing HA1). A user with only a SHA-256 HA1 cannot authenticate
 * with MD5, and gets exactly the response a wrong password gets.
 *
 * @param user the user name, as in {@code username=} and the To URI of a REGISTER
 * @param ha1 lower-case hex HA1 per algorithm; at least one
 */
public record StoredCredential(String user, Map<DigestAlgorithm, String> ha1) {
    public StoredCredential {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("invalid user: \"\" (expected a user name)");
        }
        ha1 = Map.copyOf(ha1);
        if (ha1.isEmpty()) {
            throw new IllegalArgumentException("no HA1 for user " + user + " (expected an MD5 or SHA-256 HA1)");
        }
        for (Map.Entry<DigestAlgorithm, String> e : ha1.entrySet()) {
            String hex = e.getValue().toLowerCase(Locale.ROOT);
            if (hex.length() != e.getKey().hexLength() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("invalid " + e.getKey().wireName() + " HA1 for user " + user
                        + " (expected " + e.getKey().hexLength() + " hex digits)");
            }
        }
    }

    /** Both HA1s from a password, for tools and tests; the password itself is not kept. */
    public static StoredCredential fromPassword(String user, String realm, String password) {
        Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            ha1.put(algorithm, algorithm.ha1(user, realm, password));
        }
        return new StoredCredential(user, ha1);
    }

    @Override
    public String toString() {
        return "StoredCredential[user=" + user + ", ha1=" + ha1.keySet() + "]";
    }
}
