package dev.candor.telephony.rtcp;

import java.util.List;

/**
 * One RTCP packet (RFC 3550 §6) as an immutable value. Every packet starts with the common header:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * where the 5-bit count means report blocks (SR, RR), chunks (SDES) or sources (BYE), and the
 * length is the packet's size in 32-bit words minus one. RTCP travels as compound packets: several
 * packets back to back in one datagram, the first an SR or RR (§6.1). {@link #decodeCompound} and
 * {@link #encodeCompound} mirror each other; packet types Candor does not interpret (APP, feedback,
 * XR) are kept as {@link RawRtcpPacket} so they survive a round trip.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye, RawRtcpPacket {

    /** Packet type of a sender report. */
    int SR = 200;
    /** Packet type of a receiver report. */
    int RR = 201;
    /** Packet type of a source description. */
    int SDES = 202;
    /** Packet type of a goodbye. */
    int BYE = 203;
    /** Packet type of an application-defined packet. */
    int APP = 204;

    /** The PT field, 0–255. */
    int packetType();

    /** Bytes that {@link #marshalTo} writes, header included; a multiple of 4. */
    int marshalSize();

    /**
     * Writes this packet, without padding, at {@code dst[offset]}.
     *
     * @return the number of bytes written, {@link #marshalSize()}
     * @throws IllegalArgumentException if {@code dst} has fewer than {@link #marshalSize()} bytes from {@code offset}
     */
    int marshalTo(byte[] dst, int offset);

    /**
     * Decodes a compound packet from {@code buf[offset, offset + length)} with the validity checks
     * of RFC 3550 §A.2: every packet has version 2, the lengths add up to the datagram, only the last
     * packet is padded, and the first is an SR or RR. Never throws for any byte content.
     *
     * @throws IllegalArgumentException if {@code offset} and {@code length} do not lie within {@code buf}
     */
    static RtcpDecodeResult decodeCompound(byte[] buf, int offset, int length) {
        return RtcpCodec.decodeCompound(buf, offset, length);
    }

    /**
     * Encodes packets back to back as one compound packet.
     *
     * @throws IllegalArgumentException if the list is empty or does not start with an SR or RR
     */
    static byte[] encodeCompound(List<? extends RtcpPacket> packets) {
        return RtcpCodec.encodeCompound(packets);
    }
}
