package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.HEADER_SIZE;
import static dev.candor.telephony.rtcp.WireFormat.MAX_COUNT;
import static dev.candor.telephony.rtcp.WireFormat.decodeText;
import static dev.candor.telephony.rtcp.WireFormat.encodeText;
import static dev.candor.telephony.rtcp.WireFormat.padded;
import static dev.candor.telephony.rtcp.WireFormat.readUint32;
import static dev.candor.telephony.rtcp.WireFormat.requireSlice;
import static dev.candor.telephony.rtcp.WireFormat.requireUint32;
import static dev.candor.telephony.rtcp.WireFormat.writeHeader;
import static dev.candor.telephony.rtcp.WireFormat.writeUint32;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A goodbye (RFC 3550 §6.6): these sources are leaving, optionally with a reason.
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The reason is padded with nulls to 32 bits. An empty reason is not sent; a BYE received with an
 * empty reason, or none, has {@code reason} "".
 *
 * @param sources at most 31 SSRC/CSRC identifiers
 * @param reason  at most 255 bytes once encoded as UTF-8; "" for none
 */
public record Goodbye(List<Long> sources, String reason) implements RtcpPacket {

    public Goodbye {
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        if (sources.size() > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "invalid BYE source count: " + sources.size() + " (expected 0–" + MAX_COUNT + ")");
        }
        for (long source : sources) {
            requireUint32("BYE SSRC", source);
        }
        encodeText("BYE reason", reason);
    }

    /** One source leaving without a reason. */
    public static Goodbye of(long ssrc) {
        return new Goodbye(List.of(ssrc), "");
    }

    @Override
    public int packetType() {
        return BYE;
    }

    @Override
    public int marshalSize() {
        int reasonLength = encodeText("BYE reason", reason).length;
        return HEADER_SIZE + 4 * sources.size() + (reasonLength == 0 ? 0 : padded(1 + reasonLength));
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        requireSlice(dst, offset, size);
        writeHeader(dst, offset, sources.size(), BYE, size);
        int at = offset + HEADER_SIZE;
        for (long source : sources) {
            writeUint32(dst, at, source);
            at += 4;
        }
        byte[] text = encodeText("BYE reason", reason);
        if (text.length > 0) {
            dst[at] = (byte) text.length;
            System.arraycopy(text, 0, dst, at + 1, text.length);
            for (int i = at + 1 + text.length; i < offset + size; i++) {
                dst[i] = 0;
            }
        }
        return size;
    }

    /** The goodbye, or null if the sources or the reason do not fit the body. */
    static Goodbye decodeBody(byte[] buf, int at, int length, int count) {
        if (length < 4 * count) {
            return null;
        }
        List<Long> sources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sources.add(readUint32(buf, at + 4 * i));
        }
        int pos = 4 * count;
        String reason = "";
        if (pos < length) {
            int reasonLength = buf[at + pos] & 0xFF;
            if (reasonLength > length - pos - 1) {
                return null;
            }
            reason = decodeText(buf, at + pos + 1, reasonLength);
        }
        return new Goodbye(sources, reason);
    }
}
