package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.HEADER_SIZE;
import static dev.candor.telephony.rtcp.WireFormat.MAX_COUNT;
import static dev.candor.telephony.rtcp.WireFormat.readInt64;
import static dev.candor.telephony.rtcp.WireFormat.readUint32;
import static dev.candor.telephony.rtcp.WireFormat.requireSlice;
import static dev.candor.telephony.rtcp.WireFormat.requireUint32;
import static dev.candor.telephony.rtcp.WireFormat.writeHeader;
import static dev.candor.telephony.rtcp.WireFormat.writeInt64;
import static dev.candor.telephony.rtcp.WireFormat.writeUint32;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sender report (RFC 3550 §6.4.1):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks, RC × 24 bytes                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |
 * </pre>
 *
 * Profile-specific extensions are skipped on decoding and not kept.
 *
 * @param ssrc         the sender, 0–2<sup>32</sup>-1
 * @param ntpTimestamp wall-clock time of this report in 64-bit NTP format ({@link NtpTime}), any bits
 * @param rtpTimestamp the same instant in the sender's RTP timestamp units, 0–2<sup>32</sup>-1
 * @param packetCount  RTP packets sent since the start of transmission, modulo 2<sup>32</sup>
 * @param octetCount   RTP payload octets sent, modulo 2<sup>32</sup>
 * @param reports      at most 31 report blocks
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reports) implements RtcpPacket {

    private static final int SENDER_INFO_SIZE = 24;

    public SenderReport {
        requireUint32("SR SSRC", ssrc);
        requireUint32("SR RTP timestamp", rtpTimestamp);
        requireUint32("SR packet count", packetCount);
        requireUint32("SR octet count", octetCount);
        reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
        if (reports.size() > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "invalid SR report count: " + reports.size() + " (expected 0–" + MAX_COUNT + ")");
        }
    }

    @Override
    public int packetType() {
        return SR;
    }

    @Override
    public int marshalSize() {
        return HEADER_SIZE + SENDER_INFO_SIZE + ReportBlock.SIZE * reports.size();
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        requireSlice(dst, offset, size);
        writeHeader(dst, offset, reports.size(), SR, size);
        writeUint32(dst, offset + 4, ssrc);
        writeInt64(dst, offset + 8, ntpTimestamp);
        writeUint32(dst, offset + 16, rtpTimestamp);
        writeUint32(dst, offset + 20, packetCount);
        writeUint32(dst, offset + 24, octetCount);
        int at = offset + HEADER_SIZE + SENDER_INFO_SIZE;
        for (ReportBlock block : reports) {
            block.marshalTo(dst, at);
            at += ReportBlock.SIZE;
        }
        return size;
    }

    /** The report, or null if the body is shorter than {@code count} blocks require. */
    static SenderReport decodeBody(byte[] buf, int at, int length, int count) {
        if (length < SENDER_INFO_SIZE + ReportBlock.SIZE * count) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.decode(buf, at + SENDER_INFO_SIZE + i * ReportBlock.SIZE));
        }
        return new SenderReport(readUint32(buf, at), readInt64(buf, at + 4), readUint32(buf, at + 12),
                readUint32(buf, at + 16), readUint32(buf, at + 20), blocks);
    }
}
