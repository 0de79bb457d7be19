package dev.candor.app.http;

import dev.candor.telephony.sip.ua.TrunkRegistration;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console and {@code GET /api/trunk} show of Candor's registration at its trunk: the registrar
 * and user from configuration, the expiry Candor asks for, and the live status read on each request.
 * No credentials: the password never leaves the configuration.
 *
 * @param registrar the registrar URI, or empty when Candor does not register
 * @param user Candor's user at the trunk, or empty
 * @param requestedExpirySeconds the expiry Candor asks for (0 when it does not register)
 * @param status the registration's current status; empty when no registration runs
 */
public record TrunkView(Optional<String> registrar, Optional<String> user, long requestedExpirySeconds,
                        Supplier<Optional<TrunkRegistration.Status>> status) {
    /** No trunk registration configured. */
    public static final TrunkView NONE = new TrunkView(Optional.empty(), Optional.empty(), 0, Optional::empty);

    public TrunkView {
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The registration as JSON: {@code state} is {@code unregistered} (none configured, none running,
     * or stopped), {@code registering}, {@code registered} or {@code failed}.
     */
    Map<String, Object> json(Instant now) {
        Optional<TrunkRegistration.Status> s = status.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configured", registrar.isPresent());
        m.put("registrar", registrar.orElse(null));
        m.put("user", user.orElse(null));
        m.put("state", s.map(TrunkView::state).orElse("unregistered"));
        m.put("requestedExpirySeconds", registrar.isPresent() ? requestedExpirySeconds : null);
        Optional<Instant> until = s.flatMap(TrunkRegistration.Status::registeredUntil).filter(u -> u.isAfter(now));
        m.put("registeredUntil", until.map(Instant::toString).orElse(null));
        m.put("expiresInSeconds", until.map(u -> Duration.between(now, u).toSeconds()).orElse(null));
        m.put("lastError", s.flatMap(TrunkRegistration.Status::lastError).orElse(null));
        m.put("lastErrorAt", s.flatMap(TrunkRegistration.Status::lastErrorAt).map(Instant::toString).orElse(null));
        m.put("consecutiveFailures", s.map(TrunkRegistration.Status::consecutiveFailures).orElse(0));
        return m;
    }

    private static String state(TrunkRegistration.Status s) {
        return switch (s.state()) {
            case REGISTERING -> "registering";
            case REGISTERED -> "registered";
            case FAILED -> "failed";
            case STOPPED -> "unregistered";
        };
    }
}
