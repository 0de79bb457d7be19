package dev.candor.app.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything stored about one phone number, read as plain rows (column name to value, every column, so a
 * column added by a later migration is exported without touching this class) and erased in one transaction.
 *
 * <p>Which rows belong to the number is decided by the caller's {@code isNumber} test on stored URIs and
 * numbers: the remote party of each call ({@code from_uri} of inbound calls, {@code to_uri} of outbound
 * ones), the {@code phone_uri} of each callback and the {@code number} of each do-not-call entry. Every row
 * of those columns is read and tested, so a number stored in any written form ({@code sip:+1555...@trunk},
 * {@code tel:+1-555-...}, a national number) is found; leads are keyed by their E.164 number.
 */
public final class DataSubjectStore {
    private final Database db;

    /** A call of the number, as needed to decide whether it is still in progress. */
    public record CallRef(String id, Instant startedAt, boolean ended) {
    }

    /** The rows about one number; {@code lead} and its lists are empty when no lead has the number. */
    public record Rows(List<Map<String, Object>> calls, List<Map<String, Object>> turns,
                       List<Map<String, Object>> decisions, List<Map<String, Object>> recordings,
                       List<Map<String, Object>> callbacks, Optional<Map<String, Object>> lead,
                       List<Map<String, Object>> campaignEntries, List<Map<String, Object>> dialAttempts,
                       List<Map<String, Object>> leadDecisions, List<Map<String, Object>> doNotCall) {
    }

    /** What an erasure removed, and the recording files to delete now that it is committed. */
    public record Erased(int calls, int turns, int decisions, int recordings, int callbacks, int leads,
                         int campaignEntries, int dialAttempts, int doNotCallKept, List<String> recordingFiles) {
    }

    /** The erasure did not happen: these calls of the number are in progress. */
    public static final class CallsInProgress extends RuntimeException {
        private final List<String> callIds;

        CallsInProgress(List<String> callIds) {
            super("calls in progress: " + callIds, null, false, false);
            this.callIds = List.copyOf(callIds);
        }

        public List<String> callIds() {
            return callIds;
        }
    }

    public DataSubjectStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * The rows about {@code e164}.
     *
     * @param isNumber whether a stored URI or number is {@code e164}
     */
    public Rows find(String e164, Predicate<String> isNumber) {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(isNumber, "isNumber");
        return db.withConnection("export the data of a phone number", c -> {
            List<String> callIds = callRefs(c, isNumber).stream().map(CallRef::id).toList();
            List<Long> callbackIds = callbackIds(c, isNumber, callIds);
            Optional<Long> leadId = leadId(c, e164);
            List<Map<String, Object>> calls = new ArrayList<>();
            List<Map<String, Object>> turns = new ArrayList<>();
            List<Map<String, Object>> decisions = new ArrayList<>();
            List<Map<String, Object>> recordings = new ArrayList<>();
            for (String id : callIds) {
                calls.addAll(rows(c, "SELECT * FROM calls WHERE id = ?", id));
                turns.addAll(rows(c, "SELECT * FROM turns WHERE call_id = ? ORDER BY started_at, id", id));
                decisions.addAll(rows(c, "SELECT * FROM decisions WHERE call_id = ? ORDER BY decided_at, id", id));
                recordings.addAll(rows(c, "SELECT * FROM recordings WHERE call_id = ? ORDER BY started_at, id", id));
            }
            List<Map<String, Object>> callbacks = new ArrayList<>();
            List<Map<String, Object>> attempts = new ArrayList<>();
            for (long id : callbackIds) {
                callbacks.addAll(rows(c, "SELECT * FROM callbacks WHERE id = ?", id));
                attempts.addAll(rows(c, "SELECT * FROM dial_attempts WHERE callback_id = ? ORDER BY id", id));
            }
            Optional<Map<String, Object>> lead = Optional.empty();
            List<Map<String, Object>> entries = List.of();
            List<Map<String, Object>> leadDecisions = List.of();
            if (leadId.isPresent()) {
                long id = leadId.get();
                lead = rows(c, "SELECT * FROM leads WHERE id = ?", id).stream().findFirst();
                entries = rows(c, "SELECT * FROM campaign_leads WHERE lead_id = ? ORDER BY campaign_id", id);
                attempts.addAll(rows(c, "SELECT * FROM dial_attempts WHERE lead_id = ? ORDER BY id", id));
                leadDecisions = rows(c, "SELECT * FROM decisions WHERE lead_id = ? AND call_id IS NULL "
                        + "ORDER BY decided_at, id", id);
            }
            Map<Object, Map<String, Object>> distinctAttempts = new LinkedHashMap<>();
            attempts.forEach(a -> distinctAttempts.putIfAbsent(a.get("id"), a));
            return new Rows(calls, turns, decisions, recordings, callbacks, lead, entries,
                    List.copyOf(distinctAttempts.values()), leadDecisions,
                    doNotCall(c, isNumber));
        });
    }

    /**
     * Erases the calls of the number with their turns, decisions and recording rows, its callbacks, and its
     * lead with its campaign entries, dial attempts and decisions, in one transaction. Do-not-call entries
     * are kept (their link to an erased call is cleared), so the number is never dialled again by mistake.
     * Recording files are not touched: the caller deletes {@link Erased#recordingFiles()} after this returns.
     *
     * @param inProgress whether a call of the number is still in progress; checked inside the transaction
     * @throws CallsInProgress when one is (nothing is erased)
     */
    public Erased erase(String e164, Predicate<String> isNumber, Predicate<CallRef> inProgress) {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(isNumber, "isNumber");
        Objects.requireNonNull(inProgress, "inProgress");
        return db.withConnection("erase the data of a phone number", c -> {
            c.setAutoCommit(false);
            try {
                Erased erased = erase(c, e164, isNumber, inProgress);
                c.commit();
                return erased;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private static Erased erase(Connection c, String e164, Predicate<String> isNumber, Predicate<CallRef> inProgress)
            throws SQLException {
        List<CallRef> refs = callRefs(c, isNumber);
        List<String> live = refs.stream().filter(inProgress).map(CallRef::id).toList();
        if (!live.isEmpty()) {
            throw new CallsInProgress(live);
        }
        List<String> callIds = refs.stream().map(CallRef::id).toList();
        List<Long> callbackIds = callbackIds(c, isNumber, callIds);
        Optional<Long> leadId = leadId(c, e164);
        List<String> files = new ArrayList<>();
        int turns = 0;
        int decisions = 0;
        int recordings = 0;
        int attempts = 0;
        for (String id : callIds) {
            for (Map<String, Object> r : rows(c, "SELECT file_path FROM recordings WHERE call_id = ?", id)) {
                files.add((String) r.get("file_path"));
            }
            update(c, "UPDATE do_not_call SET call_id = NULL WHERE call_id = ?", id);
            turns += update(c, "DELETE FROM turns WHERE call_id = ?", id);
            decisions += update(c, "DELETE FROM decisions WHERE call_id = ?", id);
            recordings += update(c, "DELETE FROM recordings WHERE call_id = ?", id);
        }
        int callbacks = 0;
        for (long id : callbackIds) {
            attempts += update(c, "DELETE FROM dial_attempts WHERE callback_id = ?", id);
            callbacks += update(c, "DELETE FROM callbacks WHERE id = ?", id);
        }
        int leads = 0;
        int entries = 0;
        if (leadId.isPresent()) {
            long id = leadId.get();
            attempts += update(c, "DELETE FROM dial_attempts WHERE lead_id = ?", id);
            entries = update(c, "DELETE FROM campaign_leads WHERE lead_id = ?", id);
            decisions += update(c, "DELETE FROM decisions WHERE lead_id = ?", id);
            leads = update(c, "DELETE FROM leads WHERE id = ?", id);
        }
        int calls = 0;
        for (String id : callIds) {
            calls += update(c, "DELETE FROM calls WHERE id = ?", id);
        }
        return new Erased(calls, turns, decisions, recordings, callbacks, leads, entries, attempts,
                doNotCall(c, isNumber).size(), files);
    }

    private static List<CallRef> callRefs(Connection c, Predicate<String> isNumber) throws SQLException {
        List<CallRef> refs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, started_at, ended_at IS NOT NULL, "
                + "CASE direction WHEN 'inbound' THEN from_uri ELSE to_uri END FROM calls ORDER BY started_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String remote = rs.getString(4);
                if (remote != null && isNumber.test(remote)) {
                    refs.add(new CallRef(rs.getString(1), Timestamps.parse(rs.getString(2)), rs.getInt(3) != 0));
                }
            }
        }
        return refs;
    }

    /** Callbacks to the number, and callbacks promised in its calls. */
    private static List<Long> callbackIds(Connection c, Predicate<String> isNumber, List<String> callIds)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, phone_uri, call_id FROM callbacks ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (isNumber.test(rs.getString(2)) || callIds.contains(rs.getString(3))) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Optional<Long> leadId(Connection c, String e164) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM leads WHERE phone = ?")) {
            ps.setString(1, e164);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static List<Map<String, Object>> doNotCall(Connection c, Predicate<String> isNumber) throws SQLException {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : rows(c, "SELECT * FROM do_not_call ORDER BY added_at, number")) {
            if (isNumber.test((String) row.get("number"))) {
                matching.add(row);
            }
        }
        return matching;
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static int update(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            return ps.executeUpdate();
        }
    }
}
