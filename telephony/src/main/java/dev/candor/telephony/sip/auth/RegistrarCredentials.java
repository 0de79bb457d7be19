package dev.candor.telephony.sip.auth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads registrar users from configuration text: one {@code user:HA1} entry per user and algorithm,
 * the algorithm told by the HA1's length (32 hex digits MD5, 64 SHA-256). Error messages name the
 * user, never the HA1.
 */
public final class RegistrarCredentials {
    private RegistrarCredentials() {
    }

    /** @throws IllegalArgumentException naming the bad entry's user and what was expected */
    public static List<StoredCredential> parse(List<String> entries) {
        Map<String, Map<DigestAlgorithm, String>> byUser = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            String user = colon < 0 ? "" : entry.substring(0, colon).strip();
            String ha1 = colon < 0 ? "" : entry.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (user.isEmpty() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("an entry is not user:HA1 (expected e.g. alice:<64 hex digits>)");
            }
            DigestAlgorithm algorithm = switch (ha1.length()) {
                case 32 -> DigestAlgorithm.MD5;
                case 64 -> DigestAlgorithm.SHA_256;
                default -> throw new IllegalArgumentException("HA1 of user " + user
                        + " is not 32 (MD5) or 64 (SHA-256) hex digits");
            };
            if (byUser.computeIfAbsent(user, u -> new EnumMap<>(DigestAlgorithm.class)).put(algorithm, ha1) != null) {
                throw new IllegalArgumentException("user " + user + " has two " + algorithm.wireName() + " HA1s");
            }
        }
        List<StoredCredential> credentials = new ArrayList<>();
        byUser.forEach((user, ha1) -> credentials.add(new StoredCredential(user, ha1)));
        return credentials;
    }
}
