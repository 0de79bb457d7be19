package dev.candor.telephony.rtp;

import java.util.Optional;

/**
 * One RFC 4733 telephone-event payload block (§2.3):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The R bit is sent as zero and ignored on receipt.
 *
 * @param event    0–255; the DTMF digits are 0–15 (RFC 4733 §3.2)
 * @param end      the E bit: this packet ends the event
 * @param volume   0–63, the power level in -dBm0 (10 means -10 dBm0)
 * @param duration 0–65535, in RTP timestamp units since the event began
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** Bytes in one event block. */
    public static final int SIZE = 4;

    private static final String DIGITS = "0123456789*#ABCD";

    public TelephoneEvent {
        requireRange("event", event, 0, 255);
        requireRange("volume", volume, 0, 63);
        requireRange("duration", duration, 0, 0xFFFF);
    }

    /**
     * Decodes the first event block of a telephone-event payload. A payload may carry several
     * 4-byte blocks (redundancy, RFC 4733 §2.5.1.5); only the first is read.
     *
     * @return empty if fewer than {@value #SIZE} bytes are given
     * @throws IllegalArgumentException if {@code offset} and {@code length} do not lie within {@code payload}
     */
    public static Optional<TelephoneEvent> decode(byte[] payload, int offset, int length) {
        RtpPacket.requireSlice(payload, offset, length);
        if (length < SIZE) {
            return Optional.empty();
        }
        int flags = payload[offset + 1] & 0xFF;
        return Optional.of(new TelephoneEvent(payload[offset] & 0xFF, (flags & 0x80) != 0, flags & 0x3F,
                RtpPacket.readUint16(payload, offset + 2)));
    }

    /** The 4-byte payload for this event, R bit zero. */
    public byte[] toBytes() {
        byte[] bytes = new byte[SIZE];
        bytes[0] = (byte) event;
        bytes[1] = (byte) ((end ? 0x80 : 0) | volume);
        RtpPacket.writeUint16(bytes, 2, duration);
        return bytes;
    }

    /**
     * The event code of a DTMF key (RFC 4733 §3.2): '0'–'9' are 0–9, '*' is 10, '#' is 11,
     * 'A'–'D' are 12–15.
     *
     * @throws IllegalArgumentException for any other character
     */
    public static int eventFor(char digit) {
        int code = DIGITS.indexOf(digit);
        if (code < 0) {
            throw new IllegalArgumentException(
                    "invalid DTMF digit: '" + digit + "' (expected 0-9, *, #, A-D)");
        }
        return code;
    }

    /** The DTMF key this event stands for, or empty for events above 15 (flash, tones...). */
    public Optional<Character> digit() {
        return event < DIGITS.length() ? Optional.of(DIGITS.charAt(event)) : Optional.empty();
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "invalid telephone-event " + what + ": " + value + " (expected " + min + "–" + max + ")");
        }
    }
}
