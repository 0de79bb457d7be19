package dev.candor.telephony.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 §5.1), version 2, as an immutable value.
 *
 * <p>{@link #decode} accepts padding (stripped) and header extensions (skipped, not kept);
 * {@link #marshalTo} writes neither. {@link #marshalSize()}, {@link #marshalTo} and {@link #decode}
 * mirror each other, so {@code decode(p.toBytes())} gives back {@code p}.
 *
 * <p>The payload array is copied on construction and on {@link #payload()}, so a packet can be
 * shared between threads. Unsigned 32-bit fields ({@code timestamp}, {@code ssrc}, CSRCs) are held
 * in {@code long}s in the range 0 to 2<sup>32</sup>-1.
 *
 * @param payloadType    0–127
 * @param marker         the M bit
 * @param sequenceNumber 0–65535
 * @param timestamp      0–2<sup>32</sup>-1, in the payload's clock units
 * @param ssrc           0–2<sup>32</sup>-1
 * @param csrcs          at most 15 contributing sources, each 0–2<sup>32</sup>-1
 * @param payload        the payload bytes, without padding
 */
public record RtpPacket(int payloadType, boolean marker, int sequenceNumber, long timestamp, long ssrc,
                        List<Long> csrcs, byte[] payload) {

    /** Size of the fixed header, without CSRCs. */
    public static final int FIXED_HEADER_SIZE = 12;
    /** The only RTP version there is. */
    public static final int VERSION = 2;
    /** The CSRC count is a 4-bit field. */
    public static final int MAX_CSRCS = 15;

    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    public RtpPacket {
        requireRange("payload type", payloadType, 0, 127);
        requireRange("sequence number", sequenceNumber, 0, 0xFFFF);
        requireUint32("timestamp", timestamp);
        requireUint32("SSRC", ssrc);
        csrcs = List.copyOf(Objects.requireNonNull(csrcs, "csrcs"));
        if (csrcs.size() > MAX_CSRCS) {
            throw new IllegalArgumentException(
                    "invalid CSRC count: " + csrcs.size() + " (expected 0–" + MAX_CSRCS + ")");
        }
        for (long csrc : csrcs) {
            requireUint32("CSRC", csrc);
        }
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** A packet without contributing sources, the common case for a call leg. */
    public static RtpPacket of(int payloadType, boolean marker, int sequenceNumber, long timestamp, long ssrc,
                               byte[] payload) {
        return new RtpPacket(payloadType, marker, sequenceNumber, timestamp, ssrc, List.of(), payload);
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Number of payload bytes, without copying them. */
    public int payloadLength() {
        return payload.length;
    }

    /*
     * RFC 3550 §5.1, the fixed header:
     *
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                           timestamp                           |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           synchronization source (SSRC) identifier            |
     * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
     * |            contributing source (CSRC) identifiers             |
     * |                      (CC entries) ....                        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     *
     * RFC 3550 §5.3.1, the header extension, present when X = 1:
     *
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |      defined by profile       |     length (32-bit words)     |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                        header extension                       |
     * |                             ....                              |
     *
     * Then the payload, then, when P = 1, padding whose last byte counts the padding bytes
     * (itself included).
     */

    /**
     * Decodes one RTP packet from {@code buf[offset, offset + length)}. Never throws for any byte
     * content; a malformed packet gives {@link RtpDecodeResult.Err}.
     *
     * @throws IllegalArgumentException if {@code offset} and {@code length} do not lie within {@code buf}
     */
    public static RtpDecodeResult decode(byte[] buf, int offset, int length) {
        requireSlice(buf, offset, length);
        if (length < FIXED_HEADER_SIZE) {
            return new RtpDecodeResult.Err(RtpError.TOO_SHORT);
        }
        int b0 = buf[offset] & 0xFF;
        if (b0 >>> 6 != VERSION) {
            return new RtpDecodeResult.Err(RtpError.BAD_VERSION);
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = buf[offset + 1] & 0xFF;

        int pos = FIXED_HEADER_SIZE;
        if (pos + 4 * csrcCount > length) {
            return new RtpDecodeResult.Err(RtpError.BAD_CSRC_COUNT);
        }
        List<Long> csrcs = new ArrayList<>(csrcCount);
        for (int i = 0; i < csrcCount; i++, pos += 4) {
            csrcs.add(readUint32(buf, offset + pos));
        }
        if (extension) {
            pos = skipExtension(buf, offset, length, pos);
            if (pos < 0) {
                return new RtpDecodeResult.Err(RtpError.BAD_EXTENSION);
            }
        }
        int end = padding ? stripPadding(buf, offset, length, pos) : length;
        if (end < 0) {
            return new RtpDecodeResult.Err(RtpError.BAD_PADDING);
        }
        byte[] payload = Arrays.copyOfRange(buf, offset + pos, offset + end);
        return new RtpDecodeResult.Ok(new RtpPacket(b1 & 0x7F, (b1 & 0x80) != 0, readUint16(buf, offset + 2),
                readUint32(buf, offset + 4), readUint32(buf, offset + 8), csrcs, payload));
    }

    /** The position after the header extension that starts at {@code pos}, or -1 if it does not fit. */
    private static int skipExtension(byte[] buf, int offset, int length, int pos) {
        if (pos + 4 > length) {
            return -1;
        }
        int end = pos + 4 + 4 * readUint16(buf, offset + pos + 2);
        return end > length ? -1 : end;
    }

    /** The end of the payload once padding is removed, or -1 if the padding count is 0 or too large. */
    private static int stripPadding(byte[] buf, int offset, int length, int payloadStart) {
        int paddingCount = length > payloadStart ? buf[offset + length - 1] & 0xFF : 0;
        return paddingCount == 0 || paddingCount > length - payloadStart ? -1 : length - paddingCount;
    }

    /**
     * Whether a datagram on the RTP port is RTCP rather than RTP (RFC 5761 §4): the second byte,
     * read as an RTCP packet type, is 200–204 (SR, RR, SDES, BYE, APP). Lets a receiver drop RTCP
     * multiplexed on the same port before decoding.
     */
    public static boolean looksLikeRtcp(byte[] buf, int off, int len) {
        requireSlice(buf, off, len);
        if (len < 2) {
            return false;
        }
        int packetType = buf[off + 1] & 0xFF;
        return packetType >= 200 && packetType <= 204;
    }

    /** Bytes that {@link #marshalTo} writes: fixed header, CSRCs and payload. */
    public int marshalSize() {
        return FIXED_HEADER_SIZE + 4 * csrcs.size() + payload.length;
    }

    /**
     * Writes this packet at {@code dst[offset]}, without padding or header extension.
     *
     * @return the number of bytes written, {@link #marshalSize()}
     * @throws IllegalArgumentException if {@code dst} has fewer than {@link #marshalSize()} bytes from {@code offset}
     */
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        requireSlice(dst, offset, size);
        dst[offset] = (byte) (VERSION << 6 | csrcs.size());
        dst[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        writeUint16(dst, offset + 2, sequenceNumber);
        writeUint32(dst, offset + 4, timestamp);
        writeUint32(dst, offset + 8, ssrc);
        int pos = offset + FIXED_HEADER_SIZE;
        for (long csrc : csrcs) {
            writeUint32(dst, pos, csrc);
            pos += 4;
        }
        System.arraycopy(payload, 0, dst, pos, payload.length);
        return size;
    }

    /** This packet as a new byte array of {@link #marshalSize()} bytes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[marshalSize()];
        marshalTo(bytes, 0);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p
                && payloadType == p.payloadType && marker == p.marker && sequenceNumber == p.sequenceNumber
                && timestamp == p.timestamp && ssrc == p.ssrc && csrcs.equals(p.csrcs)
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, marker, sequenceNumber, timestamp, ssrc, csrcs) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", m=" + marker + ", seq=" + sequenceNumber + ", ts=" + timestamp
                + ", ssrc=" + ssrc + ", csrcs=" + csrcs + ", payload=" + payload.length + " bytes]";
    }

    static int readUint16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
    }

    static long readUint32(byte[] buf, int at) {
        return (long) readUint16(buf, at) << 16 | readUint16(buf, at + 2);
    }

    static void writeUint16(byte[] dst, int at, int value) {
        dst[at] = (byte) (value >>> 8);
        dst[at + 1] = (byte) value;
    }

    static void writeUint32(byte[] dst, int at, long value) {
        writeUint16(dst, at, (int) (value >>> 16));
        writeUint16(dst, at + 2, (int) value);
    }

    static void requireSlice(byte[] buf, int offset, int length) {
        Objects.requireNonNull(buf, "buf");
        if (offset < 0 || length < 0 || length > buf.length - offset) {
            throw new IllegalArgumentException("invalid slice: offset " + offset + ", length " + length
                    + " (expected within an array of " + buf.length + " bytes)");
        }
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "invalid " + what + ": " + value + " (expected " + min + "–" + max + ")");
        }
    }

    private static void requireUint32(String what, long value) {
        if (value < 0 || value > MAX_UINT32) {
            throw new IllegalArgumentException(
                    "invalid " + what + ": " + value + " (expected 0–" + MAX_UINT32 + ")");
        }
    }
}
