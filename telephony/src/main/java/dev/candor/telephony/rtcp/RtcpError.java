package dev.candor.telephony.rtcp;

/**
 * Why a datagram is not a valid RTCP compound packet. Fixed values, so callers and tests compare
 * them by identity and count them per kind.
 */
public enum RtcpError {
    /** Fewer bytes than a 4-byte common header where one must start. */
    TOO_SHORT("shorter than the 4-byte RTCP header"),
    /** A version field is not 2. */
    BAD_VERSION("version field is not 2"),
    /** A length field reaches beyond the datagram. */
    BAD_LENGTH("length field exceeds the bytes in the datagram"),
    /** Padding on a packet other than the last, or a padding count of 0 or beyond the packet. */
    BAD_PADDING("padding is not on the last packet or its count is 0 or too large"),
    /** The first packet is not a sender or receiver report (RFC 3550 §6.1, §A.2). */
    NOT_COMPOUND("first packet is not an SR or RR"),
    /** A sender report is shorter than its report count requires. */
    BAD_SENDER_REPORT("sender report shorter than its report count requires"),
    /** A receiver report is shorter than its report count requires. */
    BAD_RECEIVER_REPORT("receiver report shorter than its report count requires"),
    /** An SDES chunk or item runs past the end of the packet. */
    BAD_SOURCE_DESCRIPTION("SDES chunk or item runs past the end of the packet"),
    /** A BYE lists more sources, or a longer reason, than it holds. */
    BAD_GOODBYE("BYE source count or reason length exceeds the packet");

    private final String description;

    RtcpError(String description) {
        this.description = description;
    }

    /** A short human-readable reason, for logs and counters. */
    public String description() {
        return description;
    }
}
