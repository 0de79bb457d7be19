package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.HEADER_SIZE;
import static dev.candor.telephony.rtcp.WireFormat.MAX_COUNT;
import static dev.candor.telephony.rtcp.WireFormat.readUint32;
import static dev.candor.telephony.rtcp.WireFormat.requireSlice;
import static dev.candor.telephony.rtcp.WireFormat.requireUint32;
import static dev.candor.telephony.rtcp.WireFormat.writeHeader;
import static dev.candor.telephony.rtcp.WireFormat.writeUint32;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A receiver report (RFC 3550 §6.4.2):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks, RC × 24 bytes                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |
 * </pre>
 *
 * Profile-specific extensions are skipped on decoding and not kept.
 *
 * @param ssrc    the reporter, 0–2<sup>32</sup>-1
 * @param reports at most 31 report blocks; none when nothing was received
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    public ReceiverReport {
        requireUint32("RR SSRC", ssrc);
        reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
        if (reports.size() > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "invalid RR report count: " + reports.size() + " (expected 0–" + MAX_COUNT + ")");
        }
    }

    @Override
    public int packetType() {
        return RR;
    }

    @Override
    public int marshalSize() {
        return HEADER_SIZE + 4 + ReportBlock.SIZE * reports.size();
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        requireSlice(dst, offset, size);
        writeHeader(dst, offset, reports.size(), RR, size);
        writeUint32(dst, offset + 4, ssrc);
        int at = offset + 8;
        for (ReportBlock block : reports) {
            block.marshalTo(dst, at);
            at += ReportBlock.SIZE;
        }
        return size;
    }

    /** The report, or null if the body is shorter than {@code count} blocks require. */
    static ReceiverReport decodeBody(byte[] buf, int at, int length, int count) {
        if (length < 4 + ReportBlock.SIZE * count) {
            return null;
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.decode(buf, at + 4 + i * ReportBlock.SIZE));
        }
        return new ReceiverReport(readUint32(buf, at), blocks);
    }
}
