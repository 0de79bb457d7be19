package dev.candor.app.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration script, {@code V<version>__<description>.sql}; the description's underscores
 * read as spaces. The checksum is the SHA-256 of the script with line endings normalised to LF.
 */
public record Migration(int version, String description, String fileName, String sql) {

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
        if (version < 1) {
            throw new IllegalArgumentException("invalid migration version: " + version + " (expected 1 or more)");
        }
    }

    /** A script named {@code V<n>__<description>.sql}, or empty when the name has another shape. */
    public static Optional<Migration> of(String fileName, String sql) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), fileName, sql));
    }

    /** Hex SHA-256 of the script text with CRLF and CR turned into LF. */
    public String checksum() {
        String normalised = sql.replace("\r\n", "\n").replace('\r', '\n');
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
