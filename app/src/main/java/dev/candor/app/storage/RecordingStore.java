package dev.candor.app.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The {@code recordings} table: a row when a recording starts, completed when it ends. */
public final class RecordingStore {
    private final Database db;

    /** One recording of a call; {@code endedAt}, {@code durationMillis} and {@code bytes} once it ended. */
    public record RecordingRow(long id, String callId, String filePath, String format, String keyId, String status,
                               Instant startedAt, Optional<Instant> endedAt, Optional<Long> durationMillis,
                               Optional<Long> bytes) {
    }

    public RecordingStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Records that a recording of {@code callId} started; the call must exist. Returns the row id. */
    public long started(String callId, String filePath, String format, String keyId, Instant at) {
        return db.withConnection("record the start of a recording of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO recordings "
                    + "(call_id, file_path, format, key_id, started_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, Objects.requireNonNull(callId, "callId"));
                ps.setString(2, Objects.requireNonNull(filePath, "filePath"));
                ps.setString(3, Objects.requireNonNull(format, "format"));
                ps.setString(4, Objects.requireNonNull(keyId, "keyId"));
                ps.setString(5, Timestamps.format(at));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Records the end of a recording: {@code complete} or {@code failed}, with its length and size on disk.
     * A second call keeps the first.
     */
    public void ended(long id, String status, Instant at, long durationMillis, long bytes) {
        if (!status.equals("complete") && !status.equals("failed")) {
            throw new IllegalArgumentException("invalid recording status: " + status + " (expected complete or failed)");
        }
        db.withConnection("record the end of recording " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE recordings SET status = ?, ended_at = ?, "
                    + "duration_millis = ?, bytes = ? WHERE id = ? AND ended_at IS NULL")) {
                ps.setString(1, status);
                ps.setString(2, Timestamps.format(at));
                ps.setLong(3, durationMillis);
                ps.setLong(4, bytes);
                ps.setLong(5, id);
                int changed = ps.executeUpdate();
                if (changed == 0 && find(c, id).isEmpty()) {
                    throw new StorageException("cannot record the end of recording " + id + ": no such recording");
                }
                return changed;
            }
        });
    }

    /** The latest recording of a call, if any. */
    public Optional<RecordingRow> latestForCall(String callId) {
        return db.withConnection("find the recording of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM recordings WHERE call_id = ? "
                    + "ORDER BY started_at DESC, id DESC LIMIT 1")) {
                ps.setString(1, callId);
                return one(ps);
            }
        });
    }

    /** A recording by id. */
    public Optional<RecordingRow> find(long id) {
        return db.withConnection("find recording " + id, c -> find(c, id));
    }

    private static final String COLUMNS =
            "id, call_id, file_path, format, key_id, status, started_at, ended_at, duration_millis, bytes";

    private static Optional<RecordingRow> find(java.sql.Connection c, long id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM recordings WHERE id = ?")) {
            ps.setLong(1, id);
            return one(ps);
        }
    }

    private static Optional<RecordingRow> one(PreparedStatement ps) throws java.sql.SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new RecordingRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), Timestamps.parse(rs.getString(7)),
                    Timestamps.parseNullable(rs.getString(8)), nullableLong(rs, 9), nullableLong(rs, 10)));
        }
    }

    private static Optional<Long> nullableLong(ResultSet rs, int column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
