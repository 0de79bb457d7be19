package dev.candor.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3550 §5.1 fixed header, §5.3.1 extension, padding; RFC 5761 §4 RTCP demultiplexing. */
class RtpPacketTest {

    private static final byte[] PCMU_PACKET = {
            (byte) 0x80,                                // V=2, P=0, X=0, CC=0
            (byte) 0x80,                                // M=1, PT=0 (PCMU)
            (byte) 0x1A, (byte) 0x2B,                   // sequence number 0x1A2B
            (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, // timestamp 0xDEADBEEF
            (byte) 0x01, (byte) 0x02, (byte) 0x03, (byte) 0x04, // SSRC 0x01020304
            (byte) 0xFF, (byte) 0x7F, (byte) 0x00,      // payload, 3 bytes
    };

    @Test
    void decodesEveryFieldOfTheFixedHeader() {
        RtpPacket p = decodeOk(PCMU_PACKET, 0, PCMU_PACKET.length);

        assertThat(p.payloadType()).isEqualTo(0);
        assertThat(p.marker()).isTrue();
        assertThat(p.sequenceNumber()).isEqualTo(0x1A2B);
        assertThat(p.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(p.ssrc()).isEqualTo(0x01020304L);
        assertThat(p.csrcs()).isEmpty();
        assertThat(p.payload()).containsExactly(0xFF, 0x7F, 0x00);
    }

    @Test
    void encodesToTheSameBytesItWasDecodedFrom() {
        RtpPacket p = decodeOk(PCMU_PACKET, 0, PCMU_PACKET.length);

        assertThat(p.marshalSize()).isEqualTo(PCMU_PACKET.length);
        assertThat(p.toBytes()).isEqualTo(PCMU_PACKET);
    }

    @Test
    void decodesFromAnOffsetInsideALargerBuffer() {
        byte[] buf = new byte[PCMU_PACKET.length + 7];
        System.arraycopy(PCMU_PACKET, 0, buf, 5, PCMU_PACKET.length);

        assertThat(decodeOk(buf, 5, PCMU_PACKET.length)).isEqualTo(decodeOk(PCMU_PACKET, 0, PCMU_PACKET.length));
    }

    @Test
    void decodesCsrcsAndSkipsTheHeaderExtensionAndStripsPadding() {
        byte[] bytes = {
                (byte) 0xB2,                                // V=2, P=1, X=1, CC=2
                (byte) 0x08,                                // M=0, PT=8 (PCMA)
                (byte) 0xFF, (byte) 0xFF,                   // sequence number 65535
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // timestamp 2^32-1
                (byte) 0x80, (byte) 0x00, (byte) 0x00, (byte) 0x01, // SSRC 0x80000001
                (byte) 0x00, (byte) 0x00, (byte) 0x00, (byte) 0x0A, // CSRC 1 = 10
                (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, // CSRC 2 = 0xCAFEBABE
                (byte) 0xBE, (byte) 0xDE, (byte) 0x00, (byte) 0x01, // extension profile 0xBEDE, 1 word
                (byte) 0x11, (byte) 0x22, (byte) 0x33, (byte) 0x44, // extension data (skipped)
                (byte) 0xD5, (byte) 0x55,                   // payload, 2 bytes
                (byte) 0x00, (byte) 0x00, (byte) 0x03,      // padding, count 3 in the last byte
        };

        RtpPacket p = decodeOk(bytes, 0, bytes.length);

        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.marker()).isFalse();
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(0xFFFF_FFFFL);
        assertThat(p.ssrc()).isEqualTo(0x8000_0001L);
        assertThat(p.csrcs()).containsExactly(10L, 0xCAFE_BABEL);
        assertThat(p.payload()).containsExactly(0xD5, 0x55);
    }

    @Test
    void roundTripsAPacketWithCsrcs() {
        RtpPacket p = new RtpPacket(101, true, 7, 123_456L, 0xFFFF_FFFFL, List.of(1L, 0xFFFF_FFFFL), new byte[] {1, 2});

        byte[] bytes = p.toBytes();

        assertThat(bytes).startsWith(
                (byte) 0x82,                                // V=2, CC=2
                (byte) 0xE5);                               // M=1, PT=101
        assertThat(bytes).hasSize(12 + 8 + 2);
        assertThat(decodeOk(bytes, 0, bytes.length)).isEqualTo(p);
    }

    @Test
    void marshalToWritesAtTheOffsetAndReturnsTheSize() {
        RtpPacket p = RtpPacket.of(0, false, 1, 2, 3, new byte[] {9, 9, 9});
        byte[] dst = new byte[40];

        int written = p.marshalTo(dst, 10);

        assertThat(written).isEqualTo(15).isEqualTo(p.marshalSize());
        assertThat(decodeOk(dst, 10, written)).isEqualTo(p);
        assertThat(dst[9]).isZero();
        assertThat(dst[25]).isZero();
    }

    @Test
    void marshalToRejectsATooSmallBuffer() {
        RtpPacket p = RtpPacket.of(0, false, 1, 2, 3, new byte[160]);

        assertThatThrownBy(() -> p.marshalTo(new byte[171], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("171");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", new byte[0], RtpError.TOO_SHORT),
                Arguments.of("11 bytes", header(0x80, 0, 11), RtpError.TOO_SHORT),
                Arguments.of("version 0", header(0x00, 0, 12), RtpError.BAD_VERSION),
                Arguments.of("version 1", header(0x40, 0, 12), RtpError.BAD_VERSION),
                Arguments.of("version 3", header(0xC0, 0, 12), RtpError.BAD_VERSION),
                Arguments.of("CC=1 without CSRC", header(0x81, 0, 12), RtpError.BAD_CSRC_COUNT),
                Arguments.of("CC=15 with 14 CSRCs", header(0x8F, 0, 12 + 56), RtpError.BAD_CSRC_COUNT),
                Arguments.of("X=1 without extension header", header(0x90, 0, 14), RtpError.BAD_EXTENSION),
                Arguments.of("extension longer than packet", withBytes(header(0x90, 0, 16), 14, 0, 1),
                        RtpError.BAD_EXTENSION),
                Arguments.of("P=1 with padding count 0", header(0xA0, 0, 14), RtpError.BAD_PADDING),
                Arguments.of("P=1 and nothing after the header", header(0xA0, 0, 12), RtpError.BAD_PADDING),
                Arguments.of("padding count beyond payload", withBytes(header(0xA0, 0, 14), 13, 3),
                        RtpError.BAD_PADDING));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("malformed")
    void rejectsMalformedPacketsWithAFixedError(String name, byte[] bytes, RtpError expected) {
        RtpDecodeResult result = RtpPacket.decode(bytes, 0, bytes.length);

        assertThat(result).isInstanceOf(RtpDecodeResult.Err.class);
        assertThat(((RtpDecodeResult.Err) result).error()).isSameAs(expected);
    }

    @Test
    void paddingThatFillsTheWholePayloadLeavesAnEmptyPayload() {
        byte[] bytes = withBytes(header(0xA0, 0, 16), 15, 4);

        assertThat(decodeOk(bytes, 0, bytes.length).payloadLength()).isZero();
    }

    @Test
    void neverThrowsForRandomBytes() {
        Random random = new Random(4733);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = (byte) (0x80 | bytes[0] & 0x3F); // version 2 half of the time, to reach deeper checks
            }
            assertThat(RtpPacket.decode(bytes, 0, bytes.length)).isNotNull();
        }
    }

    @Test
    void neverThrowsForAnyTruncationAndOnlyTheFullPacketDecodes() {
        byte[] full = new RtpPacket(0, false, 1, 2, 3, List.of(4L, 5L), new byte[] {6, 7, 8}).toBytes();
        full[0] |= 0x30; // P=1, X=1: the cut can land inside any part
        byte[] bytes = new byte[full.length + 8];
        System.arraycopy(full, 0, bytes, 0, 20);
        bytes[20] = 0; bytes[21] = 0; bytes[22] = 0; bytes[23] = 1; // extension: 1 word
        System.arraycopy(full, 20, bytes, 28, full.length - 20);
        bytes[bytes.length - 1] = 1; // the last payload byte becomes a padding count of 1

        for (int length = 0; length < bytes.length; length++) {
            assertThat(RtpPacket.decode(bytes, 0, length)).as("length %d", length)
                    .isInstanceOf(RtpDecodeResult.Err.class);
        }
        assertThat(decodeOk(bytes, 0, bytes.length).payload()).containsExactly(6, 7);
    }

    @Test
    void rejectsASliceOutsideTheBufferAsMisuse() {
        assertThatThrownBy(() -> RtpPacket.decode(new byte[12], 4, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 4, length 12");
    }

    @Test
    void recognisesRtcpPacketTypes200To204() {
        for (int type = 0; type < 256; type++) {
            byte[] bytes = {(byte) 0x80, (byte) type, 0, 1};
            assertThat(RtpPacket.looksLikeRtcp(bytes, 0, bytes.length)).as("type %d", type)
                    .isEqualTo(type >= 200 && type <= 204);
        }
        assertThat(RtpPacket.looksLikeRtcp(new byte[] {(byte) 0x80}, 0, 1)).isFalse();
    }

    @Test
    void aPcmuPacketIsNotTakenForRtcp() {
        assertThat(RtpPacket.looksLikeRtcp(PCMU_PACKET, 0, PCMU_PACKET.length)).isFalse();
    }

    @Test
    void constructorNamesTheBadValue() {
        assertThatThrownBy(() -> RtpPacket.of(200, false, 0, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid payload type: 200 (expected 0–127)");
        assertThatThrownBy(() -> RtpPacket.of(0, false, 70000, 0, 0, new byte[0]))
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> RtpPacket.of(0, false, 0, 1L << 32, 0, new byte[0]))
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> RtpPacket.of(0, false, 0, 0, -1, new byte[0]))
                .hasMessageContaining("SSRC");
        assertThatThrownBy(() -> new RtpPacket(0, false, 0, 0, 0, List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L,
                10L, 11L, 12L, 13L, 14L, 15L), new byte[0]))
                .hasMessageContaining("CSRC count: 16");
    }

    @Test
    void isImmutableAgainstChangesToThePayloadArrays() {
        byte[] payload = {1, 2, 3};
        RtpPacket p = RtpPacket.of(0, false, 0, 0, 0, payload);

        payload[0] = 99;
        p.payload()[1] = 99;

        assertThat(p.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void equalPacketsHaveEqualPayloadContentNotIdentity() {
        RtpPacket a = RtpPacket.of(0, false, 1, 2, 3, new byte[] {1});
        RtpPacket b = RtpPacket.of(0, false, 1, 2, 3, new byte[] {1});
        RtpPacket c = RtpPacket.of(0, false, 1, 2, 3, new byte[] {2});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }

    private static RtpPacket decodeOk(byte[] bytes, int offset, int length) {
        RtpDecodeResult result = RtpPacket.decode(bytes, offset, length);
        assertThat(result).isInstanceOf(RtpDecodeResult.Ok.class);
        return ((RtpDecodeResult.Ok) result).packet();
    }

    /** A buffer of {@code length} zero bytes with the first two header bytes set. */
    private static byte[] header(int b0, int b1, int length) {
        byte[] bytes = new byte[length];
        if (length > 0) {
            bytes[0] = (byte) b0;
        }
        if (length > 1) {
            bytes[1] = (byte) b1;
        }
        return bytes;
    }

    private static byte[] withBytes(byte[] bytes, int at, int... values) {
        for (int i = 0; i < values.length; i++) {
            bytes[at + i] = (byte) values[i];
        }
        return bytes;
    }
}
