package dev.candor.app.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Callbacks promised to callers: stored when promised, listed for the console. */
public final class CallbackStore {
    private final Database db;

    /** A promised callback. */
    public record CallbackRow(long id, Optional<String> callId, String phoneUri, Instant dueAt, String note,
                              String status, Instant createdAt) {
    }

    public CallbackStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    public long add(Optional<String> callId, String phoneUri, Instant dueAt, String note, Instant at) {
        return db.withConnection("add callback", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO callbacks "
                    + "(call_id, phone_uri, due_at, note, created_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, callId.orElse(null));
                ps.setString(2, phoneUri);
                ps.setString(3, Timestamps.format(dueAt));
                ps.setString(4, note);
                ps.setString(5, Timestamps.format(at));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Pending callbacks, soonest first. */
    public List<CallbackRow> pending(int limit) {
        return db.withConnection("list callbacks", c -> {
            List<CallbackRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, call_id, phone_uri, due_at, note, status, "
                    + "created_at FROM callbacks WHERE status = 'pending' ORDER BY due_at LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new CallbackRow(rs.getLong(1), Optional.ofNullable(rs.getString(2)),
                                rs.getString(3), Timestamps.parse(rs.getString(4)), rs.getString(5),
                                rs.getString(6), Timestamps.parse(rs.getString(7))));
                    }
                }
            }
            return rows;
        });
    }
}
