package dev.candor.telephony.rtcp;

import java.time.Instant;
import java.util.Objects;

/**
 * The 64-bit NTP timestamp format of RFC 3550 §4: seconds since 1 January 1900 in the high 32 bits,
 * the fraction of a second in the low 32. Era 0 is assumed when converting back to an
 * {@link Instant}, which is right until February 2036; the arithmetic wraps like NTP's after that.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** The NTP timestamp of {@code instant}, its fraction truncated to 1/2<sup>32</sup> s. */
    public static long fromInstant(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long seconds = instant.getEpochSecond() + UNIX_EPOCH_OFFSET_SECONDS;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    /** The instant of an NTP timestamp of era 0, to the nanosecond (truncated). */
    public static Instant toInstant(long ntp) {
        long seconds = ntp >>> 32;
        long nanos = ((ntp & 0xFFFF_FFFFL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds - UNIX_EPOCH_OFFSET_SECONDS, nanos);
    }

    /**
     * The middle 32 bits of an NTP timestamp: the "compact" form in 1/65536 s that report blocks
     * use for LSR (RFC 3550 §6.4.1).
     */
    public static long compact(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }
}
