package dev.candor.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * Candor's SQLite database, {@code <data.dir>/candor.db}: WAL journal, {@code busy_timeout=5000},
 * foreign keys on, {@code synchronous=NORMAL}, migrated on open.
 *
 * <p>One connection serves the whole node; a lock serialises its use, so this class is
 * thread-safe. Calls block on disk I/O: never call from a Netty event loop. The connection stays
 * in autocommit mode between calls, so every write is durable as soon as its method returns.
 */
public final class Database implements AutoCloseable {

    /** The database file name inside the data folder. */
    public static final String FILE_NAME = "candor.db";
    static final int BUSY_TIMEOUT_MILLIS = 5000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final int schemaVersion;
    private boolean closed;

    private Database(Path file, Connection connection, int schemaVersion) {
        this.file = file;
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens (creating when needed) {@code dataDir/candor.db} and applies Candor's migrations.
     *
     * @throws StorageException when the folder or database cannot be created, or migrating fails
     */
    public static Database open(Path dataDir) {
        return open(dataDir, Migrations.fromClasspath(), InstantSource.system());
    }

    /** Opens with the given migrations and the clock stamping {@code schema_migrations.applied_at}. */
    public static Database open(Path dataDir, Migrations migrations, InstantSource clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException("cannot create data folder " + dataDir + ": " + e, e);
        }
        Path file = dataDir.resolve(FILE_NAME);
        Connection connection = connect(file);
        try {
            requireWal(connection, file);
            int version = migrations.migrate(connection, clock);
            return new Database(file, connection, version);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireWal(Connection connection, Path file) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StorageException("cannot use WAL journal for " + file + " (journal_mode is " + mode
                        + "; expected wal: is the data folder on a local file system?)");
            }
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The highest applied migration version. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Runs {@code work} with the connection while holding the lock; SQL errors become {@link StorageException}. */
    <T> T withConnection(String what, SqlWork<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("database " + file + " is closed");
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("cannot " + what + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection; later calls fail with {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot close database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
