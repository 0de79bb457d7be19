package dev.candor.telephony.rtcp;

import static dev.candor.telephony.rtcp.WireFormat.HEADER_SIZE;
import static dev.candor.telephony.rtcp.WireFormat.VERSION;
import static dev.candor.telephony.rtcp.WireFormat.readUint16;
import static dev.candor.telephony.rtcp.WireFormat.requireSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Cuts a compound packet into packets and hands each body to its type's parser. */
final class RtcpCodec {

    private RtcpCodec() {
    }

    static RtcpDecodeResult decodeCompound(byte[] buf, int offset, int length) {
        requireSlice(buf, offset, length);
        List<RtcpPacket> packets = new ArrayList<>(3);
        int pos = 0;
        do {
            if (length - pos < HEADER_SIZE) {
                return new RtcpDecodeResult.Err(RtcpError.TOO_SHORT);
            }
            int at = offset + pos;
            int b0 = buf[at] & 0xFF;
            if (b0 >>> 6 != VERSION) {
                return new RtcpDecodeResult.Err(RtcpError.BAD_VERSION);
            }
            int size = (readUint16(buf, at + 2) + 1) * 4;
            if (size > length - pos) {
                return new RtcpDecodeResult.Err(RtcpError.BAD_LENGTH);
            }
            int bodyLength = size - HEADER_SIZE;
            if ((b0 & 0x20) != 0) {
                int paddingCount = buf[at + size - 1] & 0xFF;
                if (pos + size != length || paddingCount == 0 || paddingCount > bodyLength) {
                    return new RtcpDecodeResult.Err(RtcpError.BAD_PADDING);
                }
                bodyLength -= paddingCount;
            }
            int packetType = buf[at + 1] & 0xFF;
            if (packets.isEmpty() && packetType != RtcpPacket.SR && packetType != RtcpPacket.RR) {
                return new RtcpDecodeResult.Err(RtcpError.NOT_COMPOUND);
            }
            int count = b0 & 0x1F;
            RtcpPacket packet = decodeBody(packetType, count, buf, at + HEADER_SIZE, bodyLength);
            if (packet == null) {
                return new RtcpDecodeResult.Err(errorFor(packetType));
            }
            packets.add(packet);
            pos += size;
        } while (pos < length);
        return new RtcpDecodeResult.Ok(packets);
    }

    /** The packet, or null if the body does not hold what the header announces. */
    private static RtcpPacket decodeBody(int packetType, int count, byte[] buf, int at, int length) {
        switch (packetType) {
            case RtcpPacket.SR:
                return SenderReport.decodeBody(buf, at, length, count);
            case RtcpPacket.RR:
                return ReceiverReport.decodeBody(buf, at, length, count);
            case RtcpPacket.SDES:
                return SourceDescription.decodeBody(buf, at, length, count);
            case RtcpPacket.BYE:
                return Goodbye.decodeBody(buf, at, length, count);
            default:
                return RawRtcpPacket.decodeBody(packetType, count, buf, at, length);
        }
    }

    private static RtcpError errorFor(int packetType) {
        switch (packetType) {
            case RtcpPacket.SR:
                return RtcpError.BAD_SENDER_REPORT;
            case RtcpPacket.RR:
                return RtcpError.BAD_RECEIVER_REPORT;
            case RtcpPacket.SDES:
                return RtcpError.BAD_SOURCE_DESCRIPTION;
            case RtcpPacket.BYE:
                return RtcpError.BAD_GOODBYE;
            default:
                throw new AssertionError("raw packets always decode, type " + packetType);
        }
    }

    static byte[] encodeCompound(List<? extends RtcpPacket> packets) {
        Objects.requireNonNull(packets, "packets");
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("invalid compound packet: empty (expected an SR or RR first)");
        }
        RtcpPacket first = packets.get(0);
        if (!(first instanceof SenderReport) && !(first instanceof ReceiverReport)) {
            throw new IllegalArgumentException("invalid compound packet: starts with packet type "
                    + first.packetType() + " (expected an SR or RR first)");
        }
        int size = 0;
        for (RtcpPacket packet : packets) {
            size += packet.marshalSize();
        }
        byte[] bytes = new byte[size];
        int pos = 0;
        for (RtcpPacket packet : packets) {
            pos += packet.marshalTo(bytes, pos);
        }
        return bytes;
    }
}
