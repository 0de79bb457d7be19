package dev.candor.app.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, kept in memory (a restart logs everyone out). Each session has an unguessable
 * id (the HttpOnly cookie) and a separate CSRF token the page sends back in a header.
 */
public final class Sessions {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;
    private final Duration idleTimeout;

    /** One logged-in user. */
    public record Session(String id, Principal principal, String csrfToken, Instant lastSeen) {
    }

    public Sessions(InstantSource clock, Duration idleTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public Session create(Principal principal) {
        Session session = new Session(token(), principal, token(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, refreshed; expired ones are removed. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.lastSeen().plus(idleTimeout).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session refreshed = new Session(session.id(), session.principal(), session.csrfToken(), now);
        sessions.put(id, refreshed);
        return Optional.of(refreshed);
    }

    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
