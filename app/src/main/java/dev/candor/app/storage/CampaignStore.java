package dev.candor.app.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Outbound campaigns, the leads in each, and every dial attempt.
 *
 * <p>Several Candor nodes may share the database; a lead is dialled by the one node whose
 * {@link #claimDue} moved it from {@code pending} to {@code dialing}. The claim is one UPDATE that also
 * re-checks the campaign is running and applies its concurrency and per-minute limits across all nodes,
 * so it is exclusive under SQLite's single writer and, on PostgreSQL, under row locks (the WHERE is
 * re-evaluated on the locked row). A claim carries a lease: the dialling node renews it while the call
 * lasts; if the node dies, the lead becomes claimable again when the lease runs out.
 */
public final class CampaignStore {
    private static final String CAMPAIGN_COLUMNS = "id, name, status, hours_start, hours_end, days, max_concurrent, "
            + "max_per_minute, max_attempts, retry_delay_seconds, created_at, updated_at";

    private final Database db;

    /**
     * How a campaign dials: between {@code hoursStart} and {@code hoursEnd} on {@code days}, in each lead's
     * own time zone; at most {@code maxConcurrent} calls at once and {@code maxPerMinute} started in any
     * minute (over all nodes); up to {@code maxAttempts} dials per lead, {@code retryDelay} apart.
     */
    public record Settings(String name, LocalTime hoursStart, LocalTime hoursEnd, Set<DayOfWeek> days,
                           int maxConcurrent, int maxPerMinute, int maxAttempts, Duration retryDelay) {
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hoursStart, "hoursStart");
            Objects.requireNonNull(hoursEnd, "hoursEnd");
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
            Objects.requireNonNull(retryDelay, "retryDelay");
            if (name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("invalid campaign name: \"" + name + "\" (expected 1-100 characters)");
            }
            if (!hoursStart.isBefore(hoursEnd)) {
                throw new IllegalArgumentException("invalid calling hours: " + hoursStart + "-" + hoursEnd
                        + " (expected a start before the end, e.g. 09:00-17:00)");
            }
            if (days.isEmpty()) {
                throw new IllegalArgumentException("invalid calling days: none (expected at least one day)");
            }
            requireRange("maxConcurrentCalls", maxConcurrent, 1, 1000);
            requireRange("maxCallsPerMinute", maxPerMinute, 1, 10_000);
            requireRange("maxAttempts", maxAttempts, 1, 20);
            requireRange("retryDelaySeconds", retryDelay.toSeconds(), 0, 30L * 24 * 3600);
        }

        private static void requireRange(String what, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("invalid " + what + ": " + value + " (expected " + min + "-" + max + ")");
            }
        }
    }

    /** A stored campaign; {@code status} is draft, running, paused or done. */
    public record CampaignRow(long id, Settings settings, String status, Instant createdAt, Instant updatedAt) {
    }

    /** A lead this node claimed: {@code attemptsSoFar} dials happened before this claim. */
    public record Claim(long campaignId, long leadId, int attemptsSoFar) {
    }

    /** How one dial went: no_answer, busy, failed or answered, and for answered calls how it ended. */
    public record Outcome(String outcome, Optional<String> endReason, Optional<String> handoffReason, boolean callback,
                          boolean doNotCall) {
        public Outcome {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(endReason, "endReason");
            Objects.requireNonNull(handoffReason, "handoffReason");
        }
    }

    /** A recorded dial attempt. */
    public record AttemptRow(long id, Optional<Long> campaignId, Optional<Long> leadId, Optional<Long> callbackId,
                             int attempt, String nodeId, Optional<String> callId, Instant startedAt,
                             Optional<Instant> endedAt, Optional<String> outcome, Optional<String> endReason,
                             Optional<String> handoffReason, boolean callback, boolean doNotCall) {
    }

    /** Where a campaign stands: leads by state and attempts by outcome. */
    public record Progress(Map<String, Long> leadsByStatus, Map<String, Long> attemptsByOutcome) {
    }

    public CampaignStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Creates a campaign in {@code draft}. */
    public long create(Settings s, Instant at) {
        return db.withConnection("create campaign " + s.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaigns (name, hours_start, hours_end, days, "
                    + "max_concurrent, max_per_minute, max_attempts, retry_delay_seconds, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, s.name());
                ps.setString(2, s.hoursStart().toString());
                ps.setString(3, s.hoursEnd().toString());
                ps.setString(4, s.days().stream().sorted().map(d -> String.valueOf(d.getValue()))
                        .collect(Collectors.joining(",")));
                ps.setInt(5, s.maxConcurrent());
                ps.setInt(6, s.maxPerMinute());
                ps.setInt(7, s.maxAttempts());
                ps.setLong(8, s.retryDelay().toSeconds());
                ps.setString(9, Timestamps.format(at));
                ps.setString(10, Timestamps.format(at));
                return singleLong(ps);
            }
        });
    }

    /** Adds every lead to the campaign (leads already in it are kept as they are); returns how many were added. */
    public int addAllLeads(long campaignId, Instant at) {
        return db.withConnection("add all leads to campaign " + campaignId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign_leads (campaign_id, lead_id, "
                    + "next_attempt_at) SELECT ?, id, ? FROM leads WHERE true ON CONFLICT DO NOTHING")) {
                ps.setLong(1, campaignId);
                ps.setString(2, Timestamps.format(at));
                return ps.executeUpdate();
            }
        });
    }

    /** Adds these leads to the campaign; returns how many were new to it. */
    public int addLeads(long campaignId, List<Long> leadIds, Instant at) {
        return db.withConnection("add leads to campaign " + campaignId, c -> {
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign_leads (campaign_id, lead_id, "
                    + "next_attempt_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (long leadId : leadIds) {
                    ps.setLong(1, campaignId);
                    ps.setLong(2, leadId);
                    ps.setString(3, Timestamps.format(at));
                    added += ps.executeUpdate();
                }
            }
            return added;
        });
    }

    public Optional<CampaignRow> find(long id) {
        return db.withConnection("read campaign " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns WHERE id = ?")) {
                ps.setLong(1, id);
                return campaigns(ps).stream().findFirst();
            }
        });
    }

    /** Every campaign, newest first. */
    public List<CampaignRow> list() {
        return db.withConnection("list campaigns", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CAMPAIGN_COLUMNS
                    + " FROM campaigns ORDER BY id DESC")) {
                return campaigns(ps);
            }
        });
    }

    /** Campaigns in {@code running}. */
    public List<CampaignRow> running() {
        return db.withConnection("list running campaigns", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CAMPAIGN_COLUMNS
                    + " FROM campaigns WHERE status = 'running' ORDER BY id")) {
                return campaigns(ps);
            }
        });
    }

    /** Starts (or resumes) a draft or paused campaign; false when it is in another state or missing. */
    public boolean start(long id, Instant at) {
        return changeStatus(id, "running", List.of("draft", "paused"), at);
    }

    /** Pauses a running campaign: no new dials; calls in progress go on. */
    public boolean pause(long id, Instant at) {
        return changeStatus(id, "paused", List.of("running"), at);
    }

    private boolean changeStatus(long id, String to, List<String> from, Instant at) {
        return db.withConnection("set campaign " + id + " " + to, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaigns SET status = ?, updated_at = ? "
                    + "WHERE id = ? AND status IN (?, ?)")) {
                ps.setString(1, to);
                ps.setString(2, Timestamps.format(at));
                ps.setLong(3, id);
                ps.setString(4, from.get(0));
                ps.setString(5, from.get(from.size() - 1));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** A running campaign with no lead left to dial or in a call is done; returns whether it just finished. */
    public boolean finishIfComplete(long id, Instant at) {
        return db.withConnection("finish campaign " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaigns SET status = 'done', updated_at = ? "
                    + "WHERE id = ? AND status = 'running' AND EXISTS (SELECT 1 FROM campaign_leads WHERE campaign_id = ?) "
                    + "AND NOT EXISTS (SELECT 1 FROM campaign_leads WHERE campaign_id = ? "
                    + "AND status IN ('pending', 'dialing'))")) {
                ps.setString(1, Timestamps.format(at));
                ps.setLong(2, id);
                ps.setLong(3, id);
                ps.setLong(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Claims for {@code nodeId} the leads of a running campaign that are due at {@code now} (pending with
     * {@code next_attempt_at <= now}, or dialing under a lease that ran out), soonest first, as many as the
     * campaign's limits allow right now over all nodes: calls in progress below {@code max_concurrent} and
     * claims in the last minute below {@code max_per_minute}. One statement: two nodes never get the
     * same lead.
     *
     * <p>A lead whose lease ran out was being dialled by a node that stopped (crashed, or lost the
     * database): its unfinished attempt is closed first as {@code interrupted} / {@code node_lost}, so the
     * campaign's progress does not count it as in progress for ever. Should that node still finish the
     * call, its own outcome replaces this one.
     */
    public List<Claim> claimDue(long campaignId, String nodeId, Instant now, Duration lease) {
        String t = Timestamps.format(now);
        return db.withConnection("claim leads of campaign " + campaignId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dial_attempts SET ended_at = ?, "
                    + "outcome = 'interrupted', end_reason = 'node_lost' WHERE ended_at IS NULL AND campaign_id = ? "
                    + "AND lead_id IN (SELECT lead_id FROM campaign_leads WHERE campaign_id = ? AND status = 'dialing' "
                    + "AND lease_until < ?)")) {
                ps.setString(1, t);
                ps.setLong(2, campaignId);
                ps.setLong(3, campaignId);
                ps.setString(4, t);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_leads SET status = 'dialing', "
                    + "claimed_by = ?, claimed_at = ?, lease_until = ? "
                    + "WHERE campaign_id = ? AND lead_id IN ("
                    + "  SELECT lead_id FROM campaign_leads WHERE campaign_id = ? "
                    + "  AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'dialing' AND lease_until < ?)) "
                    + "  AND EXISTS (SELECT 1 FROM campaigns WHERE id = ? AND status = 'running') "
                    + "  ORDER BY next_attempt_at, lead_id "
                    + "  LIMIT max(0, min("
                    + "    (SELECT max_concurrent FROM campaigns WHERE id = ?) - (SELECT COUNT(*) FROM campaign_leads "
                    + "      WHERE campaign_id = ? AND status = 'dialing' AND lease_until >= ?), "
                    + "    (SELECT max_per_minute FROM campaigns WHERE id = ?) - (SELECT COUNT(*) FROM campaign_leads "
                    + "      WHERE campaign_id = ? AND claimed_at > ?)))"
                    + ") RETURNING lead_id, attempts")) {
                int i = 1;
                ps.setString(i++, nodeId);
                ps.setString(i++, t);
                ps.setString(i++, Timestamps.format(now.plus(lease)));
                ps.setLong(i++, campaignId);
                ps.setLong(i++, campaignId);
                ps.setString(i++, t);
                ps.setString(i++, t);
                ps.setLong(i++, campaignId);
                ps.setLong(i++, campaignId);
                ps.setLong(i++, campaignId);
                ps.setString(i++, t);
                ps.setLong(i++, campaignId);
                ps.setLong(i++, campaignId);
                ps.setString(i, Timestamps.format(now.minusSeconds(60)));
                List<Claim> claims = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new Claim(campaignId, rs.getLong(1), rs.getInt(2)));
                    }
                }
                return claims;
            }
        });
    }

    /**
     * Gives a claimed lead back without dialling (outside calling hours): pending again from
     * {@code nextAttemptAt}, and not counted against the per-minute limit.
     */
    public void release(Claim claim, String nodeId, Instant nextAttemptAt) {
        updateClaimed(claim, nodeId, "release lead", "status = 'pending', next_attempt_at = ?, claimed_by = NULL, "
                + "claimed_at = NULL, lease_until = NULL", Timestamps.format(nextAttemptAt));
    }

    /** The lead will not be dialled in this campaign ({@code outcome}: why, e.g. do_not_call). */
    public void skip(Claim claim, String nodeId, String outcome) {
        updateClaimed(claim, nodeId, "skip lead", "status = 'skipped', last_outcome = ?, claimed_by = NULL, "
                + "claimed_at = NULL, lease_until = NULL", outcome);
    }

    /**
     * After a dial: {@code retryAt} present puts the lead back in line from then; otherwise the lead is done.
     */
    public void complete(Claim claim, String nodeId, String outcome, Optional<Instant> retryAt) {
        if (retryAt.isPresent()) {
            updateClaimed(claim, nodeId, "reschedule lead", "status = 'pending', last_outcome = ?, next_attempt_at = ?, "
                    + "lease_until = NULL", outcome, Timestamps.format(retryAt.get()));
        } else {
            updateClaimed(claim, nodeId, "complete lead", "status = 'done', last_outcome = ?, lease_until = NULL",
                    outcome);
        }
    }

    private void updateClaimed(Claim claim, String nodeId, String what, String set, String... values) {
        db.withConnection(what + " " + claim.leadId() + " of campaign " + claim.campaignId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_leads SET " + set
                    + " WHERE campaign_id = ? AND lead_id = ? AND claimed_by = ?")) {
                int i = 1;
                for (String v : values) {
                    ps.setString(i++, v);
                }
                ps.setLong(i++, claim.campaignId());
                ps.setLong(i++, claim.leadId());
                ps.setString(i, nodeId);
                return ps.executeUpdate();
            }
        });
    }

    /** Extends this node's lease on a lead it is dialling to {@code until}; false when the claim was lost. */
    public boolean renewLease(Claim claim, String nodeId, Instant until) {
        return db.withConnection("renew lease on lead " + claim.leadId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_leads SET lease_until = ? "
                    + "WHERE campaign_id = ? AND lead_id = ? AND claimed_by = ? AND status = 'dialing'")) {
                ps.setString(1, Timestamps.format(until));
                ps.setLong(2, claim.campaignId());
                ps.setLong(3, claim.leadId());
                ps.setString(4, nodeId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Records the start of a dial and counts it against the lead; returns the attempt's id. */
    public long startAttempt(Optional<Claim> claim, Optional<Long> callbackId, int attempt, String nodeId,
                             Optional<String> callId, Instant at) {
        return db.withConnection("record dial attempt", c -> {
            if (claim.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE campaign_leads SET attempts = attempts + 1 "
                        + "WHERE campaign_id = ? AND lead_id = ?")) {
                    ps.setLong(1, claim.get().campaignId());
                    ps.setLong(2, claim.get().leadId());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dial_attempts (campaign_id, lead_id, "
                    + "callback_id, attempt, node_id, call_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                setNullableLong(ps, 1, claim.map(Claim::campaignId));
                setNullableLong(ps, 2, claim.map(Claim::leadId));
                setNullableLong(ps, 3, callbackId);
                ps.setInt(4, attempt);
                ps.setString(5, nodeId);
                ps.setString(6, callId.orElse(null));
                ps.setString(7, Timestamps.format(at));
                return singleLong(ps);
            }
        });
    }

    /** Records how a dial went. */
    public void finishAttempt(long attemptId, Outcome outcome, Instant at) {
        db.withConnection("finish dial attempt " + attemptId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE dial_attempts SET ended_at = ?, outcome = ?, "
                    + "end_reason = ?, handoff_reason = ?, callback = ?, do_not_call = ? WHERE id = ?")) {
                ps.setString(1, Timestamps.format(at));
                ps.setString(2, outcome.outcome());
                ps.setString(3, outcome.endReason().orElse(null));
                ps.setString(4, outcome.handoffReason().orElse(null));
                ps.setInt(5, outcome.callback() ? 1 : 0);
                ps.setInt(6, outcome.doNotCall() ? 1 : 0);
                ps.setLong(7, attemptId);
                return ps.executeUpdate();
            }
        });
    }

    /** The dial attempts of a campaign, oldest first. */
    public List<AttemptRow> attempts(long campaignId) {
        return attemptsWhere("campaign_id = ?", campaignId);
    }

    /** The dial attempts of a callback, oldest first. */
    public List<AttemptRow> callbackAttempts(long callbackId) {
        return attemptsWhere("callback_id = ?", callbackId);
    }

    private List<AttemptRow> attemptsWhere(String where, long value) {
        return db.withConnection("read dial attempts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, campaign_id, lead_id, callback_id, attempt, "
                    + "node_id, call_id, started_at, ended_at, outcome, end_reason, handoff_reason, callback, do_not_call "
                    + "FROM dial_attempts WHERE " + where + " ORDER BY started_at, id")) {
                ps.setLong(1, value);
                List<AttemptRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new AttemptRow(rs.getLong(1), optLong(rs, 2), optLong(rs, 3), optLong(rs, 4),
                                rs.getInt(5), rs.getString(6), Optional.ofNullable(rs.getString(7)),
                                Timestamps.parse(rs.getString(8)), Timestamps.parseNullable(rs.getString(9)),
                                Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)),
                                Optional.ofNullable(rs.getString(12)), rs.getInt(13) != 0, rs.getInt(14) != 0));
                    }
                }
                return rows;
            }
        });
    }

    /** The state of one lead in a campaign: status, attempts, next attempt, last outcome. */
    public record LeadState(long leadId, String status, int attempts, Instant nextAttemptAt, Optional<String> claimedBy,
                            Optional<String> lastOutcome) {
    }

    public Optional<LeadState> leadState(long campaignId, long leadId) {
        return db.withConnection("read campaign lead", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT lead_id, status, attempts, next_attempt_at, "
                    + "claimed_by, last_outcome FROM campaign_leads WHERE campaign_id = ? AND lead_id = ?")) {
                ps.setLong(1, campaignId);
                ps.setLong(2, leadId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LeadState(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            Timestamps.parse(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                            Optional.ofNullable(rs.getString(6))));
                }
            }
        });
    }

    public Progress progress(long campaignId) {
        return db.withConnection("read progress of campaign " + campaignId, c -> new Progress(
                counts(c, "SELECT status, COUNT(*) FROM campaign_leads WHERE campaign_id = ? GROUP BY status ORDER BY status",
                        campaignId),
                counts(c, "SELECT COALESCE(outcome, 'in_progress'), COUNT(*) FROM dial_attempts WHERE campaign_id = ? "
                        + "GROUP BY 1 ORDER BY 1", campaignId)));
    }

    private static Map<String, Long> counts(Connection c, String sql, long id) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static List<CampaignRow> campaigns(PreparedStatement ps) throws SQLException {
        List<CampaignRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                for (String d : rs.getString(6).split(",")) {
                    days.add(DayOfWeek.of(Integer.parseInt(d.strip())));
                }
                rows.add(new CampaignRow(rs.getLong(1), new Settings(rs.getString(2), LocalTime.parse(rs.getString(4)),
                        LocalTime.parse(rs.getString(5)), days, rs.getInt(7), rs.getInt(8), rs.getInt(9),
                        Duration.ofSeconds(rs.getLong(10))), rs.getString(3), Timestamps.parse(rs.getString(11)),
                        Timestamps.parse(rs.getString(12))));
            }
        }
        return rows;
    }

    private static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static void setNullableLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get());
        } else {
            ps.setNull(index, java.sql.Types.INTEGER);
        }
    }

    private static long singleLong(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no id returned");
            }
            return rs.getLong(1);
        }
    }
}
