package dev.candor.app.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records calls, their turns and decisions as they happen, and reads them back. Every write
 * commits immediately. Writes about an unknown call or turn id throw {@link StorageException}
 * (a bug in the caller, not bad input).
 */
public final class CallStore {

    private static final String CALL_COLUMNS =
            "id, direction, from_uri, to_uri, sip_call_id, started_at, answered_at, ended_at, end_reason";

    private final Database db;
    private final ObjectMapper json = new ObjectMapper();
    /** The node whose calls this store creates; null when it does not say (tools, tests). */
    private final String node;

    public CallStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
        this.node = null;
    }

    /** A store whose new calls are marked as handled by {@code node}, which {@link #closeLeftOpen} then closes. */
    public CallStore(Database db, String node) {
        this.db = Objects.requireNonNull(db, "db");
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("invalid node: \"" + node + "\" (expected a node name)");
        }
        this.node = node;
    }

    /**
     * Closes the calls this node left without an end when it stopped (a crash, a kill): each gets end
     * reason {@code node_restart} and, as its end, the last moment anything about it was written (its
     * start, answer, turns, decisions). Call this when the node starts, before it takes calls: none of
     * its calls can be in progress then. Calls of other nodes are not touched. Returns how many were closed.
     */
    public int closeLeftOpen() {
        if (node == null) {
            throw new IllegalStateException("this store has no node, so no calls are its own");
        }
        return db.withConnection("close the calls left open by node " + node, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET end_reason = 'node_restart', ended_at = "
                    + "max(started_at, COALESCE(answered_at, started_at), "
                    + "COALESCE((SELECT max(COALESCE(ended_at, started_at)) FROM turns WHERE turns.call_id = calls.id), "
                    + "started_at), "
                    + "COALESCE((SELECT max(decided_at) FROM decisions WHERE decisions.call_id = calls.id), started_at)) "
                    + "WHERE ended_at IS NULL AND node = ?")) {
                ps.setString(1, node);
                return ps.executeUpdate();
            }
        });
    }

    /** Records a new call; its id must not exist yet. */
    public void createCall(CallRecord call) {
        Objects.requireNonNull(call, "call");
        db.withConnection("create call " + call.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls "
                    + "(id, direction, from_uri, to_uri, sip_call_id, started_at, node) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, call.id());
                ps.setString(2, call.direction().dbValue());
                ps.setString(3, call.fromUri());
                ps.setString(4, call.toUri());
                ps.setString(5, call.sipCallId());
                ps.setString(6, Timestamps.format(call.startedAt()));
                ps.setString(7, node);
                return ps.executeUpdate();
            }
        });
    }

    /** Records when the call was answered; a second call keeps the first time. */
    public void markAnswered(String callId, Instant at) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
        updateCallOnce(callId, "mark call " + callId + " answered",
                "UPDATE calls SET answered_at = ? WHERE id = ? AND answered_at IS NULL", Timestamps.format(at));
    }

    /** Records the end of the call; idempotent: a second call keeps the first end time and reason. */
    public void markEnded(String callId, Instant at, String reason) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        updateCallOnce(callId, "mark call " + callId + " ended",
                "UPDATE calls SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
                Timestamps.format(at), reason);
    }

    private void updateCallOnce(String callId, String what, String sql, String... values) {
        db.withConnection(what, c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setString(i + 1, values[i]);
                }
                ps.setString(values.length + 1, callId);
                changed = ps.executeUpdate();
            }
            if (changed == 0 && !callExists(c, callId)) {
                throw new StorageException("cannot " + what + ": no call with id " + callId);
            }
            return changed;
        });
    }

    /** Records the start of a turn and returns its id for {@link #endTurn}. */
    public long startTurn(String callId, Speaker speaker, String text, Instant startedAt) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(startedAt, "startedAt");
        return db.withConnection("start turn in call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO turns (call_id, speaker, text, started_at) "
                    + "VALUES (?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, callId);
                ps.setString(2, speaker.dbValue());
                ps.setString(3, text);
                ps.setString(4, Timestamps.format(startedAt));
                return generatedId(ps);
            }
        });
    }

    /** Records the end of a turn and whether the other side interrupted it (barge-in). */
    public void endTurn(long turnId, Instant endedAt, boolean interrupted) {
        Objects.requireNonNull(endedAt, "endedAt");
        db.withConnection("end turn " + turnId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE turns SET ended_at = ?, interrupted = ? WHERE id = ?")) {
                ps.setString(1, Timestamps.format(endedAt));
                ps.setInt(2, interrupted ? 1 : 0);
                ps.setLong(3, turnId);
                if (ps.executeUpdate() == 0) {
                    throw new StorageException("cannot end turn " + turnId + ": no turn with that id");
                }
                return null;
            }
        });
    }

    /** Keeps the caller's latest RTCP report about Candor's audio and counts it. */
    public void recordRemoteReport(String callId, double fractionLost, long cumulativeLost, double jitterMillis) {
        db.withConnection("record RTCP report of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET remote_fraction_lost = ?, "
                    + "remote_cumulative_lost = ?, remote_jitter_ms = ?, remote_reports = remote_reports + 1 WHERE id = ?")) {
                ps.setDouble(1, fractionLost);
                ps.setLong(2, cumulativeLost);
                ps.setDouble(3, jitterMillis);
                ps.setString(4, callId);
                return ps.executeUpdate();
            }
        });
    }

    /** Stores what Candor measured of the caller's audio (packets received and lost, jitter). */
    public void recordReception(String callId, long packetsReceived, long lost, double jitterMillis) {
        db.withConnection("record reception of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET received_packets = ?, received_lost = ?, "
                    + "received_jitter_ms = ? WHERE id = ?")) {
                ps.setLong(1, packetsReceived);
                ps.setLong(2, lost);
                ps.setDouble(3, jitterMillis);
                ps.setString(4, callId);
                return ps.executeUpdate();
            }
        });
    }

    /** The call's audio quality as stored so far. */
    public MediaQuality mediaQuality(String callId) {
        return db.withConnection("read media quality of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT remote_fraction_lost, remote_cumulative_lost, "
                    + "remote_jitter_ms, remote_reports, received_packets, received_lost, received_jitter_ms "
                    + "FROM calls WHERE id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException("no call " + callId);
                    }
                    return new MediaQuality(optDouble(rs, 1), optLong(rs, 2), optDouble(rs, 3), rs.getLong(4),
                            optLong(rs, 5), optLong(rs, 6), optDouble(rs, 7));
                }
            }
        });
    }

    private static Optional<Double> optDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    /** Stores when each step of the reply spoken in {@code turnId} happened (see {@link TurnLatency}). */
    public void recordLatency(long turnId, TurnLatency latency) {
        Objects.requireNonNull(latency, "latency");
        db.withConnection("record latency of turn " + turnId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE turns SET caller_speech_ended_at = ?, "
                    + "transcript_at = ?, decided_at = ?, synthesised_at = ?, first_audio_at = ? WHERE id = ?")) {
                List<Optional<Instant>> steps = List.of(latency.callerSpeechEnded(), latency.transcript(),
                        latency.decided(), latency.synthesised(), latency.firstAudio());
                for (int i = 0; i < steps.size(); i++) {
                    ps.setString(i + 1, steps.get(i).map(Timestamps::format).orElse(null));
                }
                ps.setLong(6, turnId);
                if (ps.executeUpdate() == 0) {
                    throw new StorageException("cannot record latency of turn " + turnId + ": no turn with that id");
                }
                return null;
            }
        });
    }

    /** The latency recorded for a turn, if any step was. */
    public TurnLatency latency(long turnId) {
        return db.withConnection("read latency of turn " + turnId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT caller_speech_ended_at, transcript_at, "
                    + "decided_at, synthesised_at, first_audio_at FROM turns WHERE id = ?")) {
                ps.setLong(1, turnId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException("no turn " + turnId);
                    }
                    List<Optional<Instant>> steps = new ArrayList<>();
                    for (int i = 1; i <= 5; i++) {
                        steps.add(Optional.ofNullable(rs.getString(i)).map(Timestamps::parse));
                    }
                    return new TurnLatency(steps.get(0), steps.get(1), steps.get(2), steps.get(3), steps.get(4));
                }
            }
        });
    }

    /**
     * Ends a turn the caller interrupted, keeping as its text the part actually played (the turns table
     * holds text as spoken).
     */
    public void interruptTurn(long turnId, Instant endedAt, String spokenText) {
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(spokenText, "spokenText");
        db.withConnection("interrupt turn " + turnId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE turns SET ended_at = ?, interrupted = 1, text = ? WHERE id = ?")) {
                ps.setString(1, Timestamps.format(endedAt));
                ps.setString(2, spokenText);
                ps.setLong(3, turnId);
                if (ps.executeUpdate() == 0) {
                    throw new StorageException("cannot interrupt turn " + turnId + ": no turn with that id");
                }
                return null;
            }
        });
    }

    /** Records a decision with its details as a JSON object (values must be JSON-serialisable). */
    public long addDecision(String callId, String kind, String reason, Map<String, ?> details, Instant at) {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(at, "at");
        String detailsJson = toJson(details);
        return db.withConnection("add decision to call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO decisions "
                    + "(call_id, kind, reason, details, decided_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, callId);
                ps.setString(2, kind);
                ps.setString(3, reason);
                ps.setString(4, detailsJson);
                ps.setString(5, Timestamps.format(at));
                return generatedId(ps);
            }
        });
    }

    /**
     * Records a decision about a lead, taken with or without a call (a number skipped because it is on
     * the do-not-call list has none).
     */
    public long addLeadDecision(long leadId, Optional<String> callId, String kind, String reason,
                                Map<String, ?> details, Instant at) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        String detailsJson = toJson(Objects.requireNonNull(details, "details"));
        return db.withConnection("add decision about lead " + leadId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO decisions "
                    + "(call_id, lead_id, kind, reason, details, decided_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, callId.orElse(null));
                ps.setLong(2, leadId);
                ps.setString(3, kind);
                ps.setString(4, reason);
                ps.setString(5, detailsJson);
                ps.setString(6, Timestamps.format(at));
                return generatedId(ps);
            }
        });
    }

    /** The decisions taken about a lead, by time. */
    public List<DecisionRow> leadDecisions(long leadId) {
        return db.withConnection("read decisions about lead " + leadId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, COALESCE(call_id, ''), kind, reason, details, "
                    + "decided_at FROM decisions WHERE lead_id = ? ORDER BY decided_at, id")) {
                ps.setLong(1, leadId);
                return RowMappers.decisions(ps);
            }
        });
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid decision details: " + e.getOriginalMessage()
                    + " (expected JSON-serialisable values)", e);
        }
    }

    /** The call with this id, if recorded. */
    public Optional<CallRow> findCall(String id) {
        Objects.requireNonNull(id, "id");
        return db.withConnection("read call " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM calls WHERE id = ?")) {
                ps.setString(1, id);
                List<CallRow> rows = RowMappers.calls(ps);
                return rows.stream().findFirst();
            }
        });
    }

    /** The {@code limit} most recently started calls, newest first. */
    public List<CallRow> recentCalls(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("invalid limit: " + limit + " (expected 1 or more)");
        }
        return db.withConnection("read recent calls", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CALL_COLUMNS
                    + " FROM calls ORDER BY started_at DESC, rowid DESC LIMIT ?")) {
                ps.setInt(1, limit);
                return RowMappers.calls(ps);
            }
        });
    }

    /** The turns of a call ordered by start time (then by id). */
    public List<TurnRow> turns(String callId) {
        Objects.requireNonNull(callId, "callId");
        return db.withConnection("read turns of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, call_id, speaker, text, started_at, ended_at, "
                    + "interrupted FROM turns WHERE call_id = ? ORDER BY started_at, id")) {
                ps.setString(1, callId);
                return RowMappers.turns(ps);
            }
        });
    }

    /** The decisions of a call ordered by time (then by id). */
    public List<DecisionRow> decisions(String callId) {
        Objects.requireNonNull(callId, "callId");
        return db.withConnection("read decisions of call " + callId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, call_id, kind, reason, details, decided_at "
                    + "FROM decisions WHERE call_id = ? ORDER BY decided_at, id")) {
                ps.setString(1, callId);
                return RowMappers.decisions(ps);
            }
        });
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no id returned");
            }
            return rs.getLong(1);
        }
    }

    private static boolean callExists(Connection c, String callId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM calls WHERE id = ?")) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Row to record conversions for the reads above. */
    private static final class RowMappers {
        private RowMappers() {
        }

        static List<CallRow> calls(PreparedStatement ps) throws SQLException {
            List<CallRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CallRow(rs.getString(1), Direction.fromDb(rs.getString(2)),
                            orEmpty(rs.getString(3)), orEmpty(rs.getString(4)), orEmpty(rs.getString(5)),
                            Timestamps.parse(rs.getString(6)), Timestamps.parseNullable(rs.getString(7)),
                            Timestamps.parseNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9))));
                }
            }
            return rows;
        }

        static List<TurnRow> turns(PreparedStatement ps) throws SQLException {
            List<TurnRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new TurnRow(rs.getLong(1), rs.getString(2), Speaker.fromDb(rs.getString(3)),
                            rs.getString(4), Timestamps.parse(rs.getString(5)),
                            Timestamps.parseNullable(rs.getString(6)), rs.getInt(7) != 0));
                }
            }
            return rows;
        }

        static List<DecisionRow> decisions(PreparedStatement ps) throws SQLException {
            List<DecisionRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String details = rs.getString(5);
                    rows.add(new DecisionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            details == null ? "{}" : details, Timestamps.parse(rs.getString(6))));
                }
            }
            return rows;
        }

        private static String orEmpty(String text) {
            return text == null ? "" : text;
        }
    }
}
