package dev.candor.app.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Leads, one per E.164 number: people campaigns call and callers Candor recognises. Importing a number
 * again updates the lead (its id, campaigns and history stay).
 */
public final class LeadStore {
    private static final String COLUMNS = "id, phone, name, company, time_zone, vip, interest, notes, attributes, "
            + "created_at, updated_at";
    private static final TypeReference<LinkedHashMap<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final Database db;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * What is known about a lead. {@code phone} must be E.164 ({@code +15550100}); {@code timeZone} an
     * IANA id. {@code attributes} carries gender, age, location and any other imported column: shown to
     * people, never scored.
     */
    public record LeadData(String phone, String name, String company, String timeZone, boolean vip, String interest,
                           String notes, Map<String, String> attributes) {
        public LeadData {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(timeZone, "timeZone");
            Objects.requireNonNull(interest, "interest");
            Objects.requireNonNull(notes, "notes");
            attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
            if (!phone.matches("\\+[1-9][0-9]{7,14}")) {
                throw new IllegalArgumentException("invalid lead phone: \"" + phone + "\" (expected E.164, e.g. +15550100)");
            }
        }
    }

    /** A stored lead. */
    public record LeadRow(long id, LeadData data, Instant createdAt, Instant updatedAt) {
    }

    public LeadStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Adds the lead, or updates the one with the same number; returns its id. */
    public long upsert(LeadData lead, Instant at) {
        Objects.requireNonNull(lead, "lead");
        String attributes = toJson(lead.attributes());
        return db.withConnection("save lead", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO leads (phone, name, company, time_zone, vip, "
                    + "interest, notes, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (phone) DO UPDATE SET name = excluded.name, company = excluded.company, "
                    + "time_zone = excluded.time_zone, vip = excluded.vip, interest = excluded.interest, "
                    + "notes = excluded.notes, attributes = excluded.attributes, updated_at = excluded.updated_at "
                    + "RETURNING id")) {
                ps.setString(1, lead.phone());
                ps.setString(2, lead.name());
                ps.setString(3, lead.company());
                ps.setString(4, lead.timeZone());
                ps.setInt(5, lead.vip() ? 1 : 0);
                ps.setString(6, lead.interest());
                ps.setString(7, lead.notes());
                ps.setString(8, attributes);
                ps.setString(9, Timestamps.format(at));
                ps.setString(10, Timestamps.format(at));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The lead with this E.164 number. */
    public Optional<LeadRow> findByPhone(String e164) {
        Objects.requireNonNull(e164, "e164");
        return db.withConnection("find lead by number", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM leads WHERE phone = ?")) {
                ps.setString(1, e164);
                return read(ps).stream().findFirst();
            }
        });
    }

    public Optional<LeadRow> find(long id) {
        return db.withConnection("find lead " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM leads WHERE id = ?")) {
                ps.setLong(1, id);
                return read(ps).stream().findFirst();
            }
        });
    }

    /** Leads by id, {@code limit} from {@code offset}. */
    public List<LeadRow> list(int limit, int offset) {
        return db.withConnection("list leads", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM leads ORDER BY id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                return read(ps);
            }
        });
    }

    public long count() {
        return db.withConnection("count leads", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM leads");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Erases the lead and everything kept about it as a lead: its campaign entries, dial attempts and
     * the decisions taken about it without a call (all by foreign-key cascade).
     *
     * @return whether there was such a lead
     */
    public boolean delete(long id) {
        return db.withConnection("delete lead " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM leads WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private List<LeadRow> read(PreparedStatement ps) throws SQLException {
        List<LeadRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new LeadRow(rs.getLong(1), new LeadData(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6) != 0, rs.getString(7), rs.getString(8), fromJson(rs.getString(9))),
                        Timestamps.parse(rs.getString(10)), Timestamps.parse(rs.getString(11))));
            }
        }
        return rows;
    }

    private String toJson(Map<String, String> attributes) {
        try {
            return json.writeValueAsString(new java.util.TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write lead attributes", e);
        }
    }

    private Map<String, String> fromJson(String text) throws SQLException {
        try {
            return json.readValue(text, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new SQLException("invalid lead attributes JSON: " + e.getOriginalMessage(), e);
        }
    }
}
