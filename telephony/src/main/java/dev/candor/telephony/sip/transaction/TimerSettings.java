package dev.candor.telephony.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The RFC 3261 §17 timer base values; every transaction timer derives from them (Table 4).
 *
 * @param t1 the round-trip estimate, 500 ms by default; Timers A, E and G start at it, B, F, H, J, L
 *     and M are 64 × T1
 * @param t2 the longest interval between retransmissions of non-INVITE requests and INVITE
 *     responses, 4 s by default
 * @param t4 the longest time a message stays in the network, 5 s by default (Timers I and K)
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {
    /** Timer D's floor over unreliable transports (§17.1.1.2: "at least 32 seconds"). */
    public static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);
    /** How long an INVITE server transaction waits for its TU before sending 100 Trying itself (§17.2.1). */
    public static final Duration TRYING_DELAY = Duration.ofMillis(200);

    public TimerSettings {
        positive("t1", t1);
        positive("t2", t2);
        positive("t4", t4);
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("invalid t2: " + t2.toMillis() + " ms (expected >= t1, "
                    + t1.toMillis() + " ms)");
        }
    }

    /** The RFC 3261 defaults: T1 500 ms, T2 4 s, T4 5 s. */
    public static TimerSettings defaults() {
        return new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));
    }

    /** 64 × T1: Timers B, F, H, J (unreliable), L and M. */
    public Duration timeout() {
        return t1.multipliedBy(64);
    }

    /** Timer D: at least 32 s over an unreliable transport, zero over a reliable one. */
    public Duration timerD(boolean reliable) {
        if (reliable) {
            return Duration.ZERO;
        }
        return timeout().compareTo(TIMER_D_UNRELIABLE) > 0 ? timeout() : TIMER_D_UNRELIABLE;
    }

    /** The next retransmission interval after {@code interval}: doubled, capped at T2 when {@code capped}. */
    Duration doubled(Duration interval, boolean capped) {
        Duration next = interval.multipliedBy(2);
        return capped && next.compareTo(t2) > 0 ? t2 : next;
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("invalid " + name + ": " + value + " (expected > 0)");
        }
    }
}
