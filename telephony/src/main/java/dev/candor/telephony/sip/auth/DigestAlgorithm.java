package dev.candor.telephony.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The Digest algorithms Candor speaks (RFC 7616 §3.2, RFC 8760 §2): {@code H(data)} is the lower-case
 * hex of the hash, and the response for qop=auth is
 * <pre>
 *   HA1      = H(username ":" realm ":" password)
 *   HA2      = H(method ":" digest-uri)
 *   response = H(HA1 ":" nonce ":" nc ":" cnonce ":" "auth" ":" HA2)
 * </pre>
 * Listed in order of preference: a server offers SHA-256 before MD5 (RFC 8760 §2.4).
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String wireName;
    private final String jcaName;

    DigestAlgorithm(String wireName, String jcaName) {
        this.wireName = wireName;
        this.jcaName = jcaName;
    }

    /** The name in {@code algorithm=}, e.g. {@code SHA-256}. */
    public String wireName() {
        return wireName;
    }

    /** The algorithm named on the wire (case-insensitive; absent or empty means MD5). */
    public static Optional<DigestAlgorithm> fromWire(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("MD5")) {
            return Optional.of(MD5);
        }
        if (n.equals("SHA-256")) {
            return Optional.of(SHA_256);
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of {@code data} in UTF-8. */
    public String hash(String data) {
        try {
            MessageDigest digest = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required of every Java runtime", e);
        }
    }

    /** {@code H(username:realm:password)}: what a registrar stores instead of the password. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }

    /** The qop=auth response from a stored HA1. */
    public String response(String ha1, String nonce, String ncText, String cnonce, String method, String uri) {
        String ha2 = hash(method + ":" + uri);
        return hash(ha1 + ":" + nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
    }

    /** Length of a hex hash of this algorithm, to validate a configured HA1. */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }
}
