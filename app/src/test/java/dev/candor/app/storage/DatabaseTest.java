package dev.candor.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dataDir;

    private List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static int latestVersion() {
        List<Migration> scripts = Migrations.fromClasspath().scripts();
        return scripts.get(scripts.size() - 1).version();
    }

    @Test
    void openCreatesFolderAndMigratedDatabase() throws SQLException {
        Path nested = dataDir.resolve("a/b");
        try (Database db = Database.open(nested)) {
            assertThat(db.file()).isEqualTo(nested.resolve("candor.db")).exists();
            assertThat(db.schemaVersion()).isEqualTo(latestVersion());
        }
        dataDir = nested;
        assertThat(query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                .contains("calls", "turns", "decisions", "schema_migrations");
        assertThat(query("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"))
                .contains("calls_started_at", "turns_call_id", "decisions_call_id");
        assertThat(query("SELECT script FROM schema_migrations ORDER BY version"))
                .startsWith("V1__calls_turns_decisions.sql")
                .hasSize(Migrations.fromClasspath().scripts().size());
    }

    @Test
    void journalModeIsWal() throws SQLException {
        try (Database db = Database.open(dataDir)) {
            assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
            List<Integer> pragmas = db.withConnection("read pragmas", c -> {
                try (Statement st = c.createStatement()) {
                    List<Integer> values = new ArrayList<>();
                    for (String pragma : List.of("busy_timeout", "foreign_keys", "synchronous")) {
                        try (ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
                            rs.next();
                            values.add(rs.getInt(1));
                        }
                    }
                    return values;
                }
            });
            assertThat(pragmas).containsExactly(5000, 1, 1); // synchronous NORMAL = 1
        }
    }

    @Test
    void reopeningIsIdempotent() throws SQLException {
        Database.open(dataDir).close();
        try (Database db = Database.open(dataDir)) {
            assertThat(db.schemaVersion()).isEqualTo(latestVersion());
        }
        assertThat(query("SELECT COUNT(*) FROM schema_migrations"))
                .containsExactly(String.valueOf(Migrations.fromClasspath().scripts().size()));
    }

    @Test
    void changedAppliedMigrationIsRejectedNamingTheFile() {
        Database.open(dataDir).close();
        Migration original = Migrations.fromClasspath().scripts().get(0);
        Migration tampered = new Migration(original.version(), original.description(), original.fileName(),
                original.sql() + "\nCREATE TABLE sneaky (id INTEGER);\n");

        assertThatThrownBy(() -> Database.open(dataDir, Migrations.of(List.of(tampered)), InstantSource.system()))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("migration V1__calls_turns_decisions.sql was changed after it was applied");
    }

    @Test
    void lineEndingsDoNotChangeTheChecksum() {
        Migration lf = Migration.of("V1__x.sql", "CREATE TABLE t (a);\nSELECT 1;\n").orElseThrow();
        Migration crlf = Migration.of("V1__x.sql", "CREATE TABLE t (a);\r\nSELECT 1;\r\n").orElseThrow();

        assertThat(crlf.checksum()).isEqualTo(lf.checksum()).hasSize(64);
    }

    @Test
    void laterMigrationIsAppliedOnNextOpenAndStamped() throws SQLException {
        Database.open(dataDir).close();
        List<Migration> scripts = new ArrayList<>(Migrations.fromClasspath().scripts());
        int next = latestVersion() + 1;
        scripts.add(Migration.of("V" + next + "__add_notes.sql", "ALTER TABLE calls ADD COLUMN notes TEXT;\n"
                + "CREATE TABLE notes_log (id INTEGER PRIMARY KEY);").orElseThrow());
        Instant at = Instant.parse("2026-11-23T10:15:30.100Z");

        try (Database db = Database.open(dataDir, Migrations.of(scripts), InstantSource.fixed(at))) {
            assertThat(db.schemaVersion()).isEqualTo(next);
        }
        assertThat(query("SELECT applied_at FROM schema_migrations WHERE version = " + next))
                .containsExactly("2026-11-23T10:15:30.100Z");
        assertThat(query("SELECT name FROM sqlite_master WHERE name = 'notes_log'")).hasSize(1);
    }

    @Test
    void failingMigrationIsRolledBackAndNamed() throws SQLException {
        List<Migration> scripts = List.of(Migration.of("V1__broken.sql",
                "CREATE TABLE first_half (id INTEGER);\nTHIS IS NOT SQL;").orElseThrow());

        assertThatThrownBy(() -> Database.open(dataDir, Migrations.of(scripts), InstantSource.system()))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("migration V1__broken.sql failed");
        assertThat(query("SELECT name FROM sqlite_master WHERE name = 'first_half'")).isEmpty();
    }

    @Test
    void databaseNewerThanTheScriptsIsRejected() {
        Database.open(dataDir).close();

        assertThatThrownBy(() -> Database.open(dataDir, Migrations.of(List.of()), InstantSource.system()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("migration version 1 applied but no script");
    }

    @Test
    void badlyNamedScriptIsRejected() {
        assertThat(Migration.of("V1_missing_underscore.sql", "")).isEmpty();
        assertThat(Migration.of("V0__zero.sql", "")).isEmpty();
        assertThat(Migration.of("V12__add_leads.sql", "").orElseThrow().description()).isEqualTo("add leads");
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database db = Database.open(dataDir);
        db.close();
        db.close();

        assertThatThrownBy(() -> new CallStore(db).recentCalls(1)).isInstanceOf(IllegalStateException.class);
    }
}
