package dev.candor.app.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Callbacks promised to callers: stored when promised, listed for the console, and dialled when due by
 * whichever node claims them first ({@link #claimDue}: one UPDATE with a node id and a lease, so two
 * nodes sharing the database never both call back).
 */
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

    /** A due callback this node claimed; {@code attemptsSoFar} dials happened before. */
    public record ClaimedCallback(long id, Optional<String> callId, String phoneUri, Instant dueAt, String note,
                                  int attemptsSoFar) {
    }

    /**
     * Claims for {@code nodeId} up to {@code limit} pending callbacks due at {@code now} that no node holds
     * a live lease on, soonest first.
     */
    public List<ClaimedCallback> claimDue(String nodeId, Instant now, java.time.Duration lease, int limit) {
        String t = Timestamps.format(now);
        return db.withConnection("claim due callbacks", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET claimed_by = ?, lease_until = ? "
                    + "WHERE id IN (SELECT id FROM callbacks WHERE status = 'pending' AND due_at <= ? "
                    + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at, id LIMIT ?) "
                    + "RETURNING id, call_id, phone_uri, due_at, note, attempts")) {
                ps.setString(1, nodeId);
                ps.setString(2, Timestamps.format(now.plus(lease)));
                ps.setString(3, t);
                ps.setString(4, t);
                ps.setInt(5, limit);
                List<ClaimedCallback> claims = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new ClaimedCallback(rs.getLong(1), Optional.ofNullable(rs.getString(2)),
                                rs.getString(3), Timestamps.parse(rs.getString(4)), rs.getString(5), rs.getInt(6)));
                    }
                }
                return claims;
            }
        });
    }

    /** Counts a dial of a claimed callback. */
    public void countAttempt(long id) {
        update("count callback attempt " + id, "UPDATE callbacks SET attempts = attempts + 1 WHERE id = ?", id);
    }

    /** The callback happened (or must not happen: {@code cancelled}); it leaves the pending list. */
    public void close(long id, String nodeId, boolean cancelled) {
        updateClaimed("close callback " + id, "UPDATE callbacks SET status = ?, lease_until = NULL "
                + "WHERE id = ? AND claimed_by = ?", cancelled ? "cancelled" : "done", id, nodeId);
    }

    /** The dial failed: try again from {@code dueAt}, claimable by any node. */
    public void retry(long id, String nodeId, Instant dueAt) {
        updateClaimed("reschedule callback " + id, "UPDATE callbacks SET due_at = ?, claimed_by = NULL, "
                + "lease_until = NULL WHERE id = ? AND claimed_by = ?", Timestamps.format(dueAt), id, nodeId);
    }

    /** Extends this node's lease on a callback it is dialling. */
    public void renewLease(long id, String nodeId, Instant until) {
        updateClaimed("renew lease on callback " + id, "UPDATE callbacks SET lease_until = ? "
                + "WHERE id = ? AND claimed_by = ? AND status = 'pending'", Timestamps.format(until), id, nodeId);
    }

    /** The callback's status. */
    public Optional<String> status(long id) {
        return db.withConnection("read callback " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM callbacks WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Runs {@code sql}, an UPDATE of a callback {@code nodeId} claimed, with parameters {@code value}, id, node id. */
    private void updateClaimed(String what, String sql, String value, long id, String nodeId) {
        db.withConnection(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setLong(2, id);
                ps.setString(3, nodeId);
                return ps.executeUpdate();
            }
        });
    }

    private void update(String what, String sql, long id) {
        db.withConnection(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }
}
