package dev.candor.app.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Slow salted password hashes: PBKDF2 with HMAC-SHA-256 (in the JDK, no extra dependency), 210,000
 * iterations as OWASP recommends, a 16-byte random salt. Stored as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>} so the cost can be raised later.
 */
public final class PasswordHasher {
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS, new SecureRandom());
    }

    /** Tests may lower the cost; production code uses the default. */
    public PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("invalid iterations: " + iterations + " (expected at least 1000)");
        }
        this.iterations = iterations;
        this.random = Objects.requireNonNull(random, "random");
    }

    public String hash(char[] password) {
        requireUsable(password);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Constant-time check; a malformed stored hash never matches. */
    public boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX) || password == null) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, storedIterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A hash to verify against when the user does not exist, so both cases take the same time. */
    public String dummyHash() {
        return hash("not-a-real-password".toCharArray());
    }

    static void requireUsable(char[] password) {
        if (password == null || password.length < 10) {
            throw new IllegalArgumentException("password too short (expected at least 10 characters)");
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        }
    }
}
