package dev.candor.telephony.sip.ua;

import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.transaction.TimerSettings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the user agent presents itself and times its retransmissions.
 *
 * @param advertisedHost the address put in Via, Contact and SDP
 * @param port the SIP port put in Via and Contact
 * @param codecs the audio codecs Candor accepts, in its own order of preference
 * @param userAgent the User-Agent and Server header value
 * @param t1 RFC 3261 T1, the round-trip estimate (500 ms)
 * @param t2 RFC 3261 T2, the cap on non-INVITE retransmission intervals (4 s)
 * @param maxConcurrentCalls calls (inbound and outbound legs) at once; a new INVITE beyond it gets 503
 * @param t4 RFC 3261 T4, the longest a message stays in the network (5 s): Timers I and K
 */
public record UserAgentSettings(String advertisedHost, int port, List<AudioCodec> codecs, String userAgent,
                                Duration t1, Duration t2, int maxConcurrentCalls, Duration t4) {
    /** RFC 3261's T4 default. */
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);

    /** Seconds a 503 for a call over the cap asks the caller to wait. */
    static final int CAPACITY_RETRY_AFTER_SECONDS = 30;

    public UserAgentSettings(String advertisedHost, int port, List<AudioCodec> codecs, String userAgent,
                             Duration t1, Duration t2) {
        this(advertisedHost, port, codecs, userAgent, t1, t2, Integer.MAX_VALUE, DEFAULT_T4);
    }

    public UserAgentSettings(String advertisedHost, int port, List<AudioCodec> codecs, String userAgent,
                             Duration t1, Duration t2, int maxConcurrentCalls) {
        this(advertisedHost, port, codecs, userAgent, t1, t2, maxConcurrentCalls, DEFAULT_T4);
    }

    public UserAgentSettings {
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        codecs = List.copyOf(codecs);
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        new TimerSettings(t1, t2, t4); // validates them together
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port: " + port + " (expected 1-65535)");
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("invalid maxConcurrentCalls: " + maxConcurrentCalls + " (expected >= 1)");
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("no codecs (expected at least one of PCMU, PCMA)");
        }
    }

    public static UserAgentSettings defaults(String advertisedHost, int port) {
        return new UserAgentSettings(advertisedHost, port, List.of(AudioCodec.PCMU, AudioCodec.PCMA),
                "Candor/0.1", Duration.ofMillis(500), Duration.ofSeconds(4));
    }

    public UserAgentSettings withMaxConcurrentCalls(int calls) {
        return new UserAgentSettings(advertisedHost, port, codecs, userAgent, t1, t2, calls, t4);
    }

    /** These settings with other transaction timer bases (RFC 3261 §17, Table 4). */
    public UserAgentSettings withTimers(Duration newT1, Duration newT2, Duration newT4) {
        return new UserAgentSettings(advertisedHost, port, codecs, userAgent, newT1, newT2, maxConcurrentCalls, newT4);
    }

    /** T1, T2 and T4 for the transaction layer. */
    public TimerSettings timerSettings() {
        return new TimerSettings(t1, t2, t4);
    }

    /** Timer B, F, H and J: 64 × T1. */
    public Duration transactionTimeout() {
        return t1.multipliedBy(64);
    }
}
