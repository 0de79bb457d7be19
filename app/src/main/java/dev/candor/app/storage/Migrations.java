package dev.candor.app.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Versioned schema migrations: scripts {@code db/migration/V<n>__<description>.sql} applied in
 * version order, each in its own transaction, and recorded in
 * {@code schema_migrations(version, description, script, checksum, applied_at)}. A script whose
 * checksum no longer matches what was applied, or a database newer than the scripts, stops
 * start-up with a {@link StorageException} naming the file.
 */
public final class Migrations {

    /** The classpath folder holding Candor's migration scripts. */
    public static final String LOCATION = "db/migration";

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                script      TEXT NOT NULL,
                checksum    TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )""";

    private final List<Migration> scripts;

    private Migrations(List<Migration> scripts) {
        List<Migration> sorted = new ArrayList<>(scripts);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new StorageException("two migration scripts have version " + sorted.get(i).version() + ": "
                        + sorted.get(i - 1).fileName() + " and " + sorted.get(i).fileName());
            }
        }
        this.scripts = List.copyOf(sorted);
    }

    /** Candor's own scripts from {@link #LOCATION}. */
    public static Migrations fromClasspath() {
        return fromClasspath(Migrations.class.getClassLoader(), LOCATION);
    }

    /**
     * The scripts in a classpath folder (on disk, or in a jar with directory entries, as Maven and
     * the jar tool write them). A {@code .sql} file not named {@code V<n>__<d>.sql} and a folder
     * without scripts are errors.
     */
    public static Migrations fromClasspath(ClassLoader loader, String folder) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(folder, "folder");
        List<Migration> found = new ArrayList<>();
        ClasspathScripts.read(loader, folder).forEach((name, sql) -> found.add(Migration.of(name, sql)
                .orElseThrow(() -> new StorageException("invalid migration script name: " + folder + "/" + name
                        + " (expected V<version>__<description>.sql)"))));
        if (found.isEmpty()) {
            throw new StorageException("no migration scripts found in classpath folder " + folder);
        }
        return new Migrations(found);
    }

    /** The given scripts, in any order. */
    public static Migrations of(List<Migration> scripts) {
        return new Migrations(Objects.requireNonNull(scripts, "scripts"));
    }

    /** The scripts in version order. */
    public List<Migration> scripts() {
        return scripts;
    }

    /** The highest script version, 0 when there are none. */
    public int latestVersion() {
        return scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
    }

    /**
     * Verifies applied scripts and applies pending ones; the connection must be in autocommit mode.
     *
     * @return the schema version after migrating
     */
    int migrate(Connection connection, InstantSource clock) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate(CREATE_HISTORY);
        }
        verifyApplied(applied(connection));
        for (Migration script : scripts) {
            applyIfPending(connection, script, clock);
        }
        return currentVersion(connection);
    }

    private void verifyApplied(Map<Integer, String> appliedChecksums) {
        Map<Integer, Migration> byVersion = new HashMap<>();
        scripts.forEach(s -> byVersion.put(s.version(), s));
        appliedChecksums.forEach((version, checksum) -> {
            Migration script = byVersion.get(version);
            if (script == null) {
                throw new StorageException("database has migration version " + version
                        + " applied but no script for it exists (expected versions up to " + latestVersion()
                        + "); is this database from a newer Candor?");
            }
            if (!script.checksum().equals(checksum)) {
                throw new StorageException("migration " + script.fileName() + " was changed after it was applied"
                        + " (applied checksum " + checksum + ", now " + script.checksum()
                        + "); restore the original script and put changes in a new migration");
            }
        });
    }

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void applyIfPending(Connection connection, Migration script, InstantSource clock)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (!isApplied(connection, script.version())) {
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate(script.sql());
                }
                record(connection, script, clock);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new StorageException("migration " + script.fileName() + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static boolean isApplied(Connection connection, int version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM schema_migrations WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void record(Connection connection, Migration script, InstantSource clock) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO schema_migrations (version, description, script, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.description());
            ps.setString(3, script.fileName());
            ps.setString(4, script.checksum());
            ps.setString(5, Timestamps.format(clock.instant()));
            ps.executeUpdate();
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
