package dev.candor.telephony.sip.auth;

import dev.candor.telephony.sip.message.SipUri;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One registered contact of a user (RFC 3261 §10.3).
 *
 * @param user the authenticated user name
 * @param contact where the phone asked to be reached (its Contact URI)
 * @param source the address the REGISTER came from: where to send requests when the contact is
 *     behind NAT and unreachable as written
 * @param expiresAt when the binding lapses unless refreshed
 * @param callId the REGISTER's Call-ID, for CSeq ordering of refreshes
 * @param cseq the REGISTER's CSeq number
 */
public record Binding(String user, SipUri contact, InetSocketAddress source, Instant expiresAt, String callId,
                      long cseq) {
    public Binding {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(callId, "callId");
    }

    /** Whole seconds left at {@code now}, 0 when lapsed. */
    public long remainingSeconds(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    public boolean isLive(Instant now) {
        return now.isBefore(expiresAt);
    }
}
