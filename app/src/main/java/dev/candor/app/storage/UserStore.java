package dev.candor.app.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Console users (with password hashes) and API tokens (kept only as SHA-256 hashes). */
public final class UserStore {
    private final Database db;

    /** A stored user; {@code role} is the lower-case role code. */
    public record UserRow(String username, String passwordHash, String role, Optional<String> agentName,
                          Optional<String> phoneUri) {
    }

    /** A stored API token, without the token itself. */
    public record TokenRow(String name, String role, Optional<String> agentName) {
    }

    public UserStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Adds a user or replaces the password, role and agent of an existing one. */
    public void saveUser(String username, String passwordHash, String role, Optional<String> agentName, Instant at) {
        saveUser(username, passwordHash, role, agentName, Optional.empty(), at);
    }

    /** As above, with the SIP URI of the phone a supervisor uses to listen in. */
    public void saveUser(String username, String passwordHash, String role, Optional<String> agentName,
                         Optional<String> phoneUri, Instant at) {
        db.withConnection("save user " + username, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users "
                    + "(username, password_hash, role, agent_name, created_at, phone_uri) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT(username) DO UPDATE SET password_hash = excluded.password_hash, "
                    + "role = excluded.role, agent_name = excluded.agent_name, phone_uri = excluded.phone_uri")) {
                ps.setString(1, username);
                ps.setString(2, passwordHash);
                ps.setString(3, role);
                ps.setString(4, agentName.orElse(null));
                ps.setString(5, Timestamps.format(at));
                ps.setString(6, phoneUri.orElse(null));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<UserRow> findUser(String username) {
        return db.withConnection("find user", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, password_hash, role, agent_name, phone_uri FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<UserRow> users() {
        return db.withConnection("list users", c -> {
            List<UserRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, password_hash, role, agent_name, phone_uri FROM users ORDER BY username");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    /** Stores a new token under {@code name}; only its hash is kept. */
    public void saveToken(String token, String name, String role, Optional<String> agentName, Instant at) {
        db.withConnection("save token " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens "
                    + "(token_hash, name, role, agent_name, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setString(2, name);
                ps.setString(3, role);
                ps.setString(4, agentName.orElse(null));
                ps.setString(5, Timestamps.format(at));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<TokenRow> findToken(String token) {
        return db.withConnection("find token", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, role, agent_name FROM api_tokens WHERE token_hash = ?")) {
                ps.setString(1, sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TokenRow(rs.getString(1), rs.getString(2),
                            Optional.ofNullable(rs.getString(3)))) : Optional.empty();
                }
            }
        });
    }

    /** Records who did what; {@code details} is free text without secrets. */
    public void audit(String actor, String action, String target, String details, Instant at) {
        db.withConnection("write audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_log (actor, action, target, details, at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, actor);
                ps.setString(2, action);
                ps.setString(3, target);
                ps.setString(4, details);
                ps.setString(5, Timestamps.format(at));
                return ps.executeUpdate();
            }
        });
    }

    private static UserRow row(ResultSet rs) throws java.sql.SQLException {
        return new UserRow(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)));
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
