package dev.candor.app.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The key that wraps every recording's own key: 32 bytes, written as base64. Its {@link #id()} (the first
 * 8 bytes of an HMAC of a fixed label, in hex) is stored with each file and row so a reader can tell which
 * key a recording needs; the id reveals nothing about the key. {@link #toString()} never shows the key.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    /** The key file created in the data folder when no environment variable is configured. */
    public static final String DEFAULT_FILE_NAME = "recording-master.key";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        if (key.length != EncryptedRecordingFormat.KEY_BYTES) {
            throw new IllegalArgumentException("invalid master key: " + key.length + " bytes (expected "
                    + EncryptedRecordingFormat.KEY_BYTES + ")");
        }
        this.key = key.clone();
        this.id = idOf(this.key);
    }

    /** A key from its 32 bytes. */
    public static MasterKey of(byte[] key) {
        return new MasterKey(Objects.requireNonNull(key, "key"));
    }

    /** A new random key. */
    public static MasterKey random(SecureRandom random) {
        byte[] key = new byte[EncryptedRecordingFormat.KEY_BYTES];
        random.nextBytes(key);
        return new MasterKey(key);
    }

    /**
     * A key from base64 text (whitespace around it ignored).
     *
     * @param source where the text came from, for the error message; never the text itself
     */
    public static MasterKey fromBase64(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid recording master key in " + source
                    + ": not base64 (expected 32 random bytes in base64, e.g. from: openssl rand -base64 32)");
        }
        if (key.length != EncryptedRecordingFormat.KEY_BYTES) {
            throw new IllegalArgumentException("invalid recording master key in " + source + ": " + key.length
                    + " bytes (expected 32 bytes in base64, e.g. from: openssl rand -base64 32)");
        }
        return new MasterKey(key);
    }

    /**
     * The configured master key: from the environment variable {@code keyEnv} when it is not empty (it must
     * then be set), else from {@code keyFile}, which is created with owner-only permissions when missing
     * and {@code createIfMissing}.
     *
     * @return empty when there is no key file and none may be created
     * @throws IllegalArgumentException naming the variable or file (never the key) when the key is unusable
     */
    public static Optional<MasterKey> load(String keyEnv, Map<String, String> environment, Path keyFile,
                                           boolean createIfMissing) {
        if (!keyEnv.isEmpty()) {
            String value = environment.get(keyEnv);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("recording.key-env names " + keyEnv + ", which is not set "
                        + "(expected 32 bytes in base64, e.g. from: openssl rand -base64 32)");
            }
            return Optional.of(fromBase64(value, "environment variable " + keyEnv));
        }
        try {
            if (Files.exists(keyFile)) {
                requireOwnerOnly(keyFile);
                return Optional.of(fromBase64(Files.readString(keyFile, StandardCharsets.US_ASCII),
                        "key file " + keyFile));
            }
            if (!createIfMissing) {
                return Optional.empty();
            }
            return Optional.of(create(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the recording master key file " + keyFile
                    + ": " + e.getMessage(), e);
        }
    }

    private static MasterKey create(Path keyFile) throws IOException {
        Path parent = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        MasterKey key = random(new SecureRandom());
        boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
        try {
            if (posix) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process created it first: use theirs.
            return fromBase64(Files.readString(keyFile, StandardCharsets.US_ASCII), "key file " + keyFile);
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key.key) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        log.info("created the recording master key file {} (owner-only, key id {}); back it up: without it "
                + "no recording can be read", keyFile, key.id());
        return key;
    }

    private static void requireOwnerOnly(Path keyFile) throws IOException {
        if (!Files.getFileStore(keyFile.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalArgumentException("recording master key file " + keyFile + " is readable by others ("
                    + PosixFilePermissions.toString(permissions) + "; expected rw------- : chmod 600 " + keyFile + ")");
        }
    }

    /** The key's public identifier: 16 hex digits. */
    public String id() {
        return id;
    }

    byte[] keyBytes() {
        return key;
    }

    private static String idOf(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal("candor recording master key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }
}
