/**
 * Candor's SQLite storage: {@link dev.candor.app.storage.Database} (one WAL-mode connection
 * under a lock, opened in {@code data.dir/candor.db}), versioned
 * {@link dev.candor.app.storage.Migrations} from {@code db/migration/V<n>__<description>.sql}
 * on the classpath, and {@link dev.candor.app.storage.CallStore}, which records calls, turns and
 * decisions as they happen (every write commits at once, so a crash loses at most the turn in
 * progress).
 *
 * <p>Timestamps are stored as fixed-width ISO-8601 UTC text with millisecond precision
 * ({@code 2026-11-23T10:15:30.123Z}); finer precision is truncated. Nullable columns are read
 * back as {@link java.util.Optional}. JDBC types never leave this package; its methods block and
 * must not be called from Netty event loops.
 */
package dev.candor.app.storage;
