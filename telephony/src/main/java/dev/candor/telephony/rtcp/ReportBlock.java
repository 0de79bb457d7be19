package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.readUint32;
import static dev.candor.telephony.rtcp.WireFormat.requireRange;
import static dev.candor.telephony.rtcp.WireFormat.requireUint32;
import static dev.candor.telephony.rtcp.WireFormat.writeUint32;

/**
 * One reception report block (RFC 3550 §6.4.1), carried in sender and receiver reports:
 *
 * <pre>
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param ssrc                    the source this block reports on, 0–2<sup>32</sup>-1
 * @param fractionLost            packets lost since the previous report, in 1/256ths, 0–255
 * @param cumulativeLost          packets lost since reception began, a signed 24-bit number
 *                                (negative when duplicates outnumber losses)
 * @param extendedHighestSequence cycles × 65536 + highest sequence number, 0–2<sup>32</sup>-1
 * @param jitter                  interarrival jitter in timestamp units, 0–2<sup>32</sup>-1
 * @param lastSenderReport        middle 32 bits of the NTP time of the last SR from this source,
 *                                0 if none
 * @param delaySinceLastSenderReport since that SR, in 1/65536 s; 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    /** Bytes in one block. */
    public static final int SIZE = 24;
    /** Smallest value of the signed 24-bit cumulative loss. */
    public static final int MIN_CUMULATIVE_LOST = -0x80_0000;
    /** Largest value of the signed 24-bit cumulative loss. */
    public static final int MAX_CUMULATIVE_LOST = 0x7F_FFFF;

    public ReportBlock {
        requireUint32("report block SSRC", ssrc);
        requireRange("fraction lost", fractionLost, 0, 255);
        requireRange("cumulative lost", cumulativeLost, MIN_CUMULATIVE_LOST, MAX_CUMULATIVE_LOST);
        requireUint32("extended highest sequence number", extendedHighestSequence);
        requireUint32("jitter", jitter);
        requireUint32("LSR", lastSenderReport);
        requireUint32("DLSR", delaySinceLastSenderReport);
    }

    static ReportBlock decode(byte[] buf, int at) {
        long word = readUint32(buf, at + 4);
        int cumulative = (int) (word << 8) >> 8; // sign-extend the low 24 bits
        return new ReportBlock(readUint32(buf, at), (int) (word >>> 24), cumulative, readUint32(buf, at + 8),
                readUint32(buf, at + 12), readUint32(buf, at + 16), readUint32(buf, at + 20));
    }

    void marshalTo(byte[] dst, int at) {
        writeUint32(dst, at, ssrc);
        writeUint32(dst, at + 4, (long) fractionLost << 24 | cumulativeLost & 0xFF_FFFFL);
        writeUint32(dst, at + 8, extendedHighestSequence);
        writeUint32(dst, at + 12, jitter);
        writeUint32(dst, at + 16, lastSenderReport);
        writeUint32(dst, at + 20, delaySinceLastSenderReport);
    }
}
