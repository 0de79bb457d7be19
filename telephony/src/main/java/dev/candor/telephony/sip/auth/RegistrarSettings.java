package dev.candor.telephony.sip.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the registrar behaves.
 *
 * @param realm the Digest realm in challenges; HA1s are computed with it
 * @param nonceLifetime how long a nonce is accepted before the client is told it is stale
 * @param minExpires shorter registrations get 423 Interval Too Brief
 * @param maxExpires longer registrations are shortened to this
 * @param defaultExpires used when the REGISTER names no expiry
 * @param maxBindingsPerUser contacts one user may register at once
 * @param failuresBeforeBan failed authentications one source address may make in a burst
 * @param failureBan how long a source that failed too often gets 403 without being checked
 * @param algorithms the algorithms challenged with, one WWW-Authenticate each, preferred first
 *     (RFC 8760 §2.4: SHA-256 before MD5; MD5 alone for phones that know nothing else)
 */
public record RegistrarSettings(String realm, Duration nonceLifetime, Duration minExpires, Duration maxExpires,
                                Duration defaultExpires, int maxBindingsPerUser, int failuresBeforeBan,
                                Duration failureBan, List<DigestAlgorithm> algorithms) {
    public RegistrarSettings {
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no Digest algorithms (expected SHA-256, MD5 or both)");
        }
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(defaultExpires, "defaultExpires");
        Objects.requireNonNull(failureBan, "failureBan");
        if (realm.isBlank() || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("invalid realm: " + realm + " (expected non-empty text without quotes)");
        }
        if (minExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("invalid minExpires: " + minExpires + " (expected at most maxExpires "
                    + maxExpires + ")");
        }
        if (maxBindingsPerUser < 1 || failuresBeforeBan < 1) {
            throw new IllegalArgumentException("invalid limits: maxBindingsPerUser " + maxBindingsPerUser
                    + ", failuresBeforeBan " + failuresBeforeBan + " (expected >= 1)");
        }
    }

    /** Nonces for 5 minutes; 60 s to 1 h registrations, 1 h by default; 10 contacts; 10 failures, then 5 minutes of 403. */
    public static RegistrarSettings defaults(String realm) {
        return new RegistrarSettings(realm, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofHours(1), 10, 10, Duration.ofMinutes(5), List.of(DigestAlgorithm.values()));
    }

    public RegistrarSettings withAlgorithms(List<DigestAlgorithm> challenged) {
        return new RegistrarSettings(realm, nonceLifetime, minExpires, maxExpires, defaultExpires, maxBindingsPerUser,
                failuresBeforeBan, failureBan, challenged);
    }

    public RegistrarSettings withNonceLifetime(Duration lifetime) {
        return new RegistrarSettings(realm, lifetime, minExpires, maxExpires, defaultExpires, maxBindingsPerUser,
                failuresBeforeBan, failureBan, algorithms);
    }
}
