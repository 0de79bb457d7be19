package dev.candor.telephony.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Big-endian reads and writes, the common header, and argument checks shared by the packet types. */
final class WireFormat {

    static final int VERSION = 2;
    static final int HEADER_SIZE = 4;
    static final int MAX_COUNT = 31;
    static final long MAX_UINT32 = 0xFFFF_FFFFL;

    private WireFormat() {
    }

    static int readUint8(byte[] buf, int at) {
        return buf[at] & 0xFF;
    }

    static int readUint16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
    }

    static long readUint32(byte[] buf, int at) {
        return (long) readUint16(buf, at) << 16 | readUint16(buf, at + 2);
    }

    static long readInt64(byte[] buf, int at) {
        return readUint32(buf, at) << 32 | readUint32(buf, at + 4);
    }

    static void writeUint16(byte[] dst, int at, int value) {
        dst[at] = (byte) (value >>> 8);
        dst[at + 1] = (byte) value;
    }

    static void writeUint32(byte[] dst, int at, long value) {
        writeUint16(dst, at, (int) (value >>> 16));
        writeUint16(dst, at + 2, (int) value);
    }

    static void writeInt64(byte[] dst, int at, long value) {
        writeUint32(dst, at, value >>> 32);
        writeUint32(dst, at + 4, value);
    }

    /**
     * Writes the common header (V=2, P=0) of a packet of {@code size} bytes, a multiple of 4:
     * the length field counts 32-bit words minus one.
     */
    static void writeHeader(byte[] dst, int at, int count, int packetType, int size) {
        dst[at] = (byte) (VERSION << 6 | count);
        dst[at + 1] = (byte) packetType;
        writeUint16(dst, at + 2, size / 4 - 1);
    }

    /** Rounds up to a multiple of 4. */
    static int padded(int size) {
        return (size + 3) & ~3;
    }

    static void requireSlice(byte[] buf, int offset, int length) {
        Objects.requireNonNull(buf, "buf");
        if (offset < 0 || length < 0 || length > buf.length - offset) {
            throw new IllegalArgumentException("invalid slice: offset " + offset + ", length " + length
                    + " (expected within an array of " + buf.length + " bytes)");
        }
    }

    static void requireUint32(String what, long value) {
        if (value < 0 || value > MAX_UINT32) {
            throw new IllegalArgumentException("invalid " + what + ": " + value + " (expected 0–" + MAX_UINT32 + ")");
        }
    }

    static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "invalid " + what + ": " + value + " (expected " + min + "–" + max + ")");
        }
    }

    /**
     * Text from the network: UTF-8, each malformed sequence replaced by one '?', so the text never
     * needs more bytes than it came in and fits the 255-byte limit it came under.
     */
    static String decodeText(byte[] buf, int at, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("?");
        try {
            return decoder.decode(ByteBuffer.wrap(buf, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("a replacing decoder does not throw", e);
        }
    }

    /** The UTF-8 bytes of a text field of at most 255 bytes (SDES item, BYE reason). */
    static byte[] encodeText(String what, String text) {
        byte[] bytes = Objects.requireNonNull(text, what).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException(
                    "invalid " + what + ": " + bytes.length + " bytes of UTF-8 (expected at most 255)");
        }
        return bytes;
    }

    /** A packet must fit the 16-bit length field. */
    static void requireEncodable(String what, int size) {
        if (size / 4 - 1 > 0xFFFF) {
            throw new IllegalArgumentException(
                    "invalid " + what + ": " + size + " bytes (expected at most " + 4 * 0x10000 + ")");
        }
    }
}
