package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.HEADER_SIZE;
import static dev.candor.telephony.rtcp.WireFormat.MAX_COUNT;
import static dev.candor.telephony.rtcp.WireFormat.padded;
import static dev.candor.telephony.rtcp.WireFormat.requireEncodable;
import static dev.candor.telephony.rtcp.WireFormat.requireRange;
import static dev.candor.telephony.rtcp.WireFormat.requireSlice;
import static dev.candor.telephony.rtcp.WireFormat.writeHeader;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RTCP packet of a type Candor does not interpret (APP 204, RTPFB 205, PSFB 206, XR 207...),
 * kept as its header fields and body bytes so that it survives a round trip. A body whose length
 * is not a multiple of 4 (after padding was stripped) is padded with nulls when written.
 *
 * @param packetType 0–255, other than 200–203
 * @param count      the 5-bit field after the padding bit, 0–31
 * @param body       everything after the 4-byte header, without padding
 */
public record RawRtcpPacket(int packetType, int count, byte[] body) implements RtcpPacket {

    public RawRtcpPacket {
        requireRange("raw RTCP packet type", packetType, 0, 255);
        if (packetType >= SR && packetType <= BYE) {
            throw new IllegalArgumentException("invalid raw RTCP packet type: " + packetType
                    + " (expected a type other than 200–203, which have their own classes)");
        }
        requireRange("raw RTCP count", count, 0, MAX_COUNT);
        body = Objects.requireNonNull(body, "body").clone();
        requireEncodable("raw RTCP packet", HEADER_SIZE + padded(body.length));
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int marshalSize() {
        return HEADER_SIZE + padded(body.length);
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        requireSlice(dst, offset, size);
        writeHeader(dst, offset, count, packetType, size);
        System.arraycopy(body, 0, dst, offset + HEADER_SIZE, body.length);
        Arrays.fill(dst, offset + HEADER_SIZE + body.length, offset + size, (byte) 0);
        return size;
    }

    static RawRtcpPacket decodeBody(int packetType, int count, byte[] buf, int at, int length) {
        return new RawRtcpPacket(packetType, count, Arrays.copyOfRange(buf, at, at + length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRtcpPacket p
                && packetType == p.packetType && count == p.count && Arrays.equals(body, p.body);
    }

    @Override
    public int hashCode() {
        return (packetType * 31 + count) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "RawRtcpPacket[pt=" + packetType + ", count=" + count + ", body=" + body.length + " bytes]";
    }
}
