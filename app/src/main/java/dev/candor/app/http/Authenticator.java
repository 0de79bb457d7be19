package dev.candor.app.http;

import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.auth.Principal;
import dev.candor.app.auth.Role;
import dev.candor.app.auth.Sessions;
import dev.candor.app.storage.UserStore;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds out who is calling: a session cookie (console) or a bearer token (API). Logs people in with a
 * slow hash, the same work for unknown users as for wrong passwords, and a per-address limit on
 * failed attempts.
 */
final class Authenticator {
    static final String COOKIE = "candor_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_FAILURES = 10;
    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

    private final UserStore users;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final InstantSource clock;
    private final String dummyHash;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant since) {
    }

    /** Who the request comes from, and whether it came with a cookie (and so needs a CSRF token). */
    record Caller(Principal principal, Optional<Sessions.Session> session) {
    }

    Authenticator(UserStore users, Sessions sessions, PasswordHasher hasher, InstantSource clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dummyHash = hasher.dummyHash();
    }

    Optional<Caller> identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            String token = authorization.substring("Bearer ".length()).trim();
            return users.findToken(token).map(t -> new Caller(
                    new Principal("token:" + t.name(), Role.parse(t.role()), t.agentName()), Optional.empty()));
        }
        return sessions.find(ctx.cookie(COOKIE)).map(s -> new Caller(s.principal(), Optional.of(s)));
    }

    /** Checks a password; on success a new session. Throws 429 when the address failed too often. */
    Optional<Sessions.Session> login(String address, String username, String password) {
        Instant now = clock.instant();
        Failures f = failures.get(address);
        if (f != null && f.since().plus(FAILURE_WINDOW).isAfter(now) && f.count() >= MAX_FAILURES) {
            throw new ApiError(429, "too many failed logins from this address; try again in a few minutes");
        }
        Optional<UserStore.UserRow> user = users.findUser(username == null ? "" : username);
        char[] given = password == null ? new char[0] : password.toCharArray();
        boolean ok = hasher.verify(given, user.map(UserStore.UserRow::passwordHash).orElse(dummyHash))
                && user.isPresent();
        if (!ok) {
            failures.merge(address, new Failures(1, now), (old, one) ->
                    old.since().plus(FAILURE_WINDOW).isAfter(now) ? new Failures(old.count() + 1, old.since()) : one);
            return Optional.empty();
        }
        failures.remove(address);
        UserStore.UserRow row = user.get();
        return Optional.of(sessions.create(new Principal(row.username(), Role.parse(row.role()), row.agentName())));
    }

    void logout(Context ctx) {
        sessions.remove(ctx.cookie(COOKIE));
    }
}
