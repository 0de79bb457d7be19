package dev.candor.telephony.rtp;

/**
 * Why a datagram is not a valid RTP packet. Fixed values, so callers and tests compare them by
 * identity and count them per kind.
 */
public enum RtpError {
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT("shorter than the 12-byte fixed RTP header"),
    /** The version field is not 2. */
    BAD_VERSION("version field is not 2"),
    /** The padding bit is set but the padding count is 0 or larger than the payload. */
    BAD_PADDING("padding count is 0 or exceeds the bytes after the header"),
    /** The extension bit is set but the extension header or its data does not fit. */
    BAD_EXTENSION("header extension does not fit in the packet"),
    /** The CSRC count announces more identifiers than the packet holds. */
    BAD_CSRC_COUNT("CSRC count exceeds the bytes in the packet");

    private final String description;

    RtpError(String description) {
        this.description = description;
    }

    /** A short human-readable reason, for logs and counters. */
    public String description() {
        return description;
    }
}
