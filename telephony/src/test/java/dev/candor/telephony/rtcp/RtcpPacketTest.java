package dev.candor.telephony.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3550 §6.4.1 SR, §6.4.2 RR, §6.5 SDES, §6.6 BYE, §6.1 and §A.2 compound packets. */
class RtcpPacketTest {

    /** An SR with one report block, then an SDES with a CNAME: what a sending peer emits. */
    private static final byte[] SR_AND_SDES = bytes(
            0x81,                   // V=2, P=0, RC=1
            0xC8,                   // PT=200 (SR)
            0x00, 0x0C,             // length 12: 13 words, 52 bytes
            0x11, 0x22, 0x33, 0x44, // SSRC of sender 0x11223344
            0xDA, 0x8B, 0xD1, 0xFC, // NTP timestamp, seconds
            0x80, 0x00, 0x00, 0x00, // NTP timestamp, fraction 0.5
            0x00, 0x01, 0xE2, 0x40, // RTP timestamp 123456
            0x00, 0x00, 0x00, 0x64, // sender's packet count 100
            0x00, 0x00, 0x3E, 0x80, // sender's octet count 16000
            0x55, 0x66, 0x77, 0x88, // report block: SSRC_1 0x55667788
            0x40,                   //   fraction lost 64/256
            0x00, 0x00, 0x05,       //   cumulative lost 5
            0x00, 0x01, 0x00, 0x10, //   extended highest sequence: 1 cycle, seq 16
            0x00, 0x00, 0x00, 0x20, //   interarrival jitter 32
            0xD1, 0xFC, 0x80, 0x00, //   LSR 0xD1FC8000
            0x00, 0x01, 0x80, 0x00, //   DLSR 1.5 s in 1/65536 s
            0x81,                   // V=2, P=0, SC=1
            0xCA,                   // PT=202 (SDES)
            0x00, 0x04,             // length 4: 20 bytes
            0x11, 0x22, 0x33, 0x44, // chunk 1: SSRC 0x11223344
            0x01, 0x07,             //   CNAME, 7 bytes
            'c', 'c', '@', 'h', 'o', 's', 't',
            0x00,                   //   end of items
            0x00, 0x00);            //   padding to 32 bits

    /** An RR without blocks, an SDES, and a BYE with a reason: a peer that only listens, leaving. */
    private static final byte[] RR_SDES_BYE = bytes(
            0x80,                   // V=2, P=0, RC=0
            0xC9,                   // PT=201 (RR)
            0x00, 0x01,             // length 1: 8 bytes
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC of packet sender
            0x81, 0xCA, 0x00, 0x03, // SDES, SC=1, length 3: 16 bytes
            0xCA, 0xFE, 0xBA, 0xBE, // chunk 1: SSRC
            0x01, 0x04, 'a', '@', 'b', '.', // CNAME, 4 bytes "a@b."
            0x00, 0x00,             // end of items, padding
            0x81,                   // V=2, P=0, SC=1
            0xCB,                   // PT=203 (BYE)
            0x00, 0x02,             // length 2: 12 bytes
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC leaving
            0x03, 'b', 'y', 'e');   // reason: 3 bytes "bye"

    @Test
    void decodesEveryFieldOfASenderReportAndItsReportBlock() {
        List<RtcpPacket> packets = decodeOk(SR_AND_SDES);

        assertThat(packets).hasSize(2);
        SenderReport sr = (SenderReport) packets.get(0);
        assertThat(sr.ssrc()).isEqualTo(0x11223344L);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xDA8BD1FC_80000000L);
        assertThat(sr.rtpTimestamp()).isEqualTo(123_456L);
        assertThat(sr.packetCount()).isEqualTo(100);
        assertThat(sr.octetCount()).isEqualTo(16_000);
        assertThat(sr.reports()).containsExactly(
                new ReportBlock(0x55667788L, 64, 5, 0x0001_0010L, 32, 0xD1FC8000L, 0x0001_8000L));
        SourceDescription sdes = (SourceDescription) packets.get(1);
        assertThat(sdes.chunks()).hasSize(1);
        assertThat(sdes.chunks().get(0).ssrc()).isEqualTo(0x11223344L);
        assertThat(sdes.chunks().get(0).cname()).contains("cc@host");
    }

    @Test
    void decodesAReceiverReportSourceDescriptionAndGoodbye() {
        List<RtcpPacket> packets = decodeOk(RR_SDES_BYE);

        assertThat(packets).containsExactly(
                new ReceiverReport(0xCAFEBABEL, List.of()),
                SourceDescription.cname(0xCAFEBABEL, "a@b."),
                new Goodbye(List.of(0xCAFEBABEL), "bye"));
    }

    @Test
    void encodesToTheSameBytesItWasDecodedFrom() {
        assertThat(RtcpPacket.encodeCompound(decodeOk(SR_AND_SDES))).isEqualTo(SR_AND_SDES);
        assertThat(RtcpPacket.encodeCompound(decodeOk(RR_SDES_BYE))).isEqualTo(RR_SDES_BYE);
    }

    @Test
    void decodesFromAnOffsetInsideALargerBuffer() {
        byte[] buf = new byte[RR_SDES_BYE.length + 9];
        System.arraycopy(RR_SDES_BYE, 0, buf, 5, RR_SDES_BYE.length);

        RtcpDecodeResult result = RtcpPacket.decodeCompound(buf, 5, RR_SDES_BYE.length);

        assertThat(((RtcpDecodeResult.Ok) result).packets()).isEqualTo(decodeOk(RR_SDES_BYE));
    }

    @Test
    void stripsPaddingFromTheLastPacket() {
        byte[] padded = bytes(
                0xA0,                   // V=2, P=1, RC=0
                0xC9,                   // PT=201 (RR)
                0x00, 0x02,             // length 2: 12 bytes
                0x00, 0x00, 0x00, 0x07, // SSRC 7
                0x00, 0x00, 0x00, 0x04); // padding, count 4 in the last byte

        assertThat(decodeOk(padded)).containsExactly(new ReceiverReport(7, List.of()));
    }

    @Test
    void decodesANegativeCumulativeLossBySignExtension() {
        byte[] rr = bytes(
                0x81, 0xC9, 0x00, 0x07, // RR, RC=1, length 7: 32 bytes
                0x00, 0x00, 0x00, 0x01, // SSRC of packet sender
                0x00, 0x00, 0x00, 0x02, // SSRC_1
                0x00,                   // fraction lost 0
                0xFF, 0xFF, 0xFE,       // cumulative lost -2 (duplicates)
                0x00, 0x00, 0x00, 0x02, // extended highest sequence 2
                0x00, 0x00, 0x00, 0x00, // jitter 0
                0x00, 0x00, 0x00, 0x00, // LSR: no SR yet
                0x00, 0x00, 0x00, 0x00); // DLSR

        ReceiverReport report = (ReceiverReport) decodeOk(rr).get(0);

        assertThat(report.reports().get(0).cumulativeLost()).isEqualTo(-2);
        assertThat(RtcpPacket.encodeCompound(List.of(report))).isEqualTo(rr);
    }

    @Test
    void skipsProfileSpecificExtensionsAfterTheReportBlocks() {
        byte[] rr = bytes(
                0x80, 0xC9, 0x00, 0x02, // RR, RC=0, length 2: 12 bytes
                0x00, 0x00, 0x00, 0x09, // SSRC 9
                0xDE, 0xAD, 0xBE, 0xEF); // profile-specific extension

        assertThat(decodeOk(rr)).containsExactly(new ReceiverReport(9, List.of()));
    }

    @Test
    void keepsPacketTypesItDoesNotInterpretAsRawBytes() {
        byte[] withApp = bytes(
                0x80, 0xC9, 0x00, 0x01, // RR, RC=0
                0x00, 0x00, 0x00, 0x09, // SSRC 9
                0x85,                   // V=2, P=0, subtype 5
                0xCC,                   // PT=204 (APP)
                0x00, 0x02,             // length 2: 12 bytes
                0x00, 0x00, 0x00, 0x09, // SSRC 9
                'C', 'N', 'D', 'R');    // name

        List<RtcpPacket> packets = decodeOk(withApp);

        assertThat(packets.get(1)).isEqualTo(new RawRtcpPacket(RtcpPacket.APP, 5, bytes(0, 0, 0, 9, 'C', 'N', 'D', 'R')));
        assertThat(RtcpPacket.encodeCompound(packets)).isEqualTo(withApp);
    }

    @Test
    void replacesMalformedUtf8InTextWithQuestionMarks() {
        byte[] bytes = bytes(
                0x80, 0xC9, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, // RR, SSRC 1
                0x81, 0xCA, 0x00, 0x02,                         // SDES, SC=1, 12 bytes
                0x00, 0x00, 0x00, 0x01,                         // chunk: SSRC 1
                0x01, 0x01, 0xFF,                               // CNAME, 1 byte, not UTF-8
                0x00);                                          // end of items

        SourceDescription sdes = (SourceDescription) decodeOk(bytes).get(1);

        assertThat(sdes.chunks().get(0).cname()).contains("?");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", bytes(), RtcpError.TOO_SHORT),
                Arguments.of("3 bytes", bytes(0x80, 0xC9, 0x00), RtcpError.TOO_SHORT),
                Arguments.of("2 stray bytes after a packet", bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x80, 0xCA),
                        RtcpError.TOO_SHORT),
                Arguments.of("version 1", bytes(0x40, 0xC9, 0, 1, 0, 0, 0, 1), RtcpError.BAD_VERSION),
                Arguments.of("version 0 in the second packet",
                        bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x01, 0xCA, 0, 0), RtcpError.BAD_VERSION),
                Arguments.of("length beyond the datagram", bytes(0x80, 0xC9, 0, 2, 0, 0, 0, 1),
                        RtcpError.BAD_LENGTH),
                Arguments.of("padding count 0", bytes(0xA0, 0xC9, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0),
                        RtcpError.BAD_PADDING),
                Arguments.of("padding count beyond the body", bytes(0xA0, 0xC9, 0, 1, 0, 0, 0, 9),
                        RtcpError.BAD_PADDING),
                Arguments.of("padding on a packet that is not the last",
                        bytes(0xA0, 0xC9, 0, 1, 0, 0, 0, 4, 0x80, 0xCA, 0, 0), RtcpError.BAD_PADDING),
                Arguments.of("SDES first", bytes(0x80, 0xCA, 0, 0), RtcpError.NOT_COMPOUND),
                Arguments.of("BYE first", bytes(0x81, 0xCB, 0, 1, 0, 0, 0, 1), RtcpError.NOT_COMPOUND),
                Arguments.of("APP first", bytes(0x80, 0xCC, 0, 0), RtcpError.NOT_COMPOUND),
                Arguments.of("SR too short for its sender info", bytes(0x80, 0xC8, 0, 1, 0, 0, 0, 1),
                        RtcpError.BAD_SENDER_REPORT),
                Arguments.of("SR with RC=1 and no block", withLength(0x81, 0xC8, 28), RtcpError.BAD_SENDER_REPORT),
                Arguments.of("RR with RC=1 and no block", withLength(0x81, 0xC9, 8), RtcpError.BAD_RECEIVER_REPORT),
                Arguments.of("RR with no SSRC", bytes(0x80, 0xC9, 0, 0), RtcpError.BAD_RECEIVER_REPORT),
                Arguments.of("SDES item longer than the packet",
                        bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x81, 0xCA, 0, 2, 0, 0, 0, 1, 1, 20, 'a', 0),
                        RtcpError.BAD_SOURCE_DESCRIPTION),
                Arguments.of("SDES chunk without end of items",
                        bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x81, 0xCA, 0, 2, 0, 0, 0, 1, 1, 2, 'a', 'b'),
                        RtcpError.BAD_SOURCE_DESCRIPTION),
                Arguments.of("SDES with SC=2 and one chunk",
                        bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x82, 0xCA, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0),
                        RtcpError.BAD_SOURCE_DESCRIPTION),
                Arguments.of("BYE with SC=2 and one source",
                        bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x82, 0xCB, 0, 1, 0, 0, 0, 1), RtcpError.BAD_GOODBYE),
                Arguments.of("BYE reason longer than the packet",
                        bytes(0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0x81, 0xCB, 0, 2, 0, 0, 0, 1, 9, 'b', 'y', 'e'),
                        RtcpError.BAD_GOODBYE));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("malformed")
    void rejectsMalformedCompoundPacketsWithAFixedError(String name, byte[] bytes, RtcpError expected) {
        RtcpDecodeResult result = RtcpPacket.decodeCompound(bytes, 0, bytes.length);

        assertThat(result).isInstanceOf(RtcpDecodeResult.Err.class);
        assertThat(((RtcpDecodeResult.Err) result).error()).isSameAs(expected);
    }

    @Test
    void neverThrowsForRandomBytes() {
        Random random = new Random(3550);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                bytes[0] = (byte) (0x80 | bytes[0] & 0x3F);     // version 2, to reach deeper checks
                bytes[1] = (byte) (200 + random.nextInt(8));    // SR, RR, SDES, BYE, APP, 205–207
                bytes[2] = 0;
                bytes[3] = (byte) random.nextInt(bytes.length / 4 + 1);
            }
            assertThat(RtcpPacket.decodeCompound(bytes, 0, bytes.length)).isNotNull();
        }
    }

    @Test
    void neverThrowsForCorruptedValidPackets() {
        Random random = new Random(6);
        byte[] valid = concat(SR_AND_SDES, RR_SDES_BYE);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            RtcpDecodeResult result = RtcpPacket.decodeCompound(bytes, 0, bytes.length);
            if (result instanceof RtcpDecodeResult.Ok ok) {
                assertThat(RtcpPacket.encodeCompound(ok.packets())).isNotNull();
            }
        }
    }

    @Test
    void everyTruncationThatCutsAPacketIsAnErrorAndNeverThrows() {
        byte[] full = RR_SDES_BYE;
        List<Integer> boundaries = List.of(8, 24, 36);

        for (int length = 0; length <= full.length; length++) {
            RtcpDecodeResult result = RtcpPacket.decodeCompound(full, 0, length);
            if (boundaries.contains(length)) {
                assertThat(result).as("length %d", length).isInstanceOf(RtcpDecodeResult.Ok.class);
            } else {
                assertThat(result).as("length %d", length).isInstanceOf(RtcpDecodeResult.Err.class);
            }
        }
    }

    @Test
    void roundTripsRandomPackets() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            List<RtcpPacket> packets = new ArrayList<>();
            packets.add(random.nextBoolean()
                    ? new SenderReport(uint32(random), random.nextLong(), uint32(random), uint32(random),
                            uint32(random), blocks(random))
                    : new ReceiverReport(uint32(random), blocks(random)));
            packets.add(new SourceDescription(List.of(new SourceDescription.Chunk(uint32(random), List.of(
                    new SourceDescription.Item(SourceDescription.CNAME, text(random)),
                    new SourceDescription.Item(1 + random.nextInt(255), text(random)))))));
            packets.add(new RawRtcpPacket(205 + random.nextInt(3), random.nextInt(32), randomBytes(random, 4 * random.nextInt(5))));
            packets.add(new Goodbye(List.of(uint32(random), uint32(random)), text(random)));

            byte[] bytes = RtcpPacket.encodeCompound(packets);

            assertThat(decodeOk(bytes)).isEqualTo(packets);
        }
    }

    @Test
    void marshalSizeMatchesWhatIsWritten() {
        List<RtcpPacket> packets = decodeOk(concat(SR_AND_SDES, RR_SDES_BYE));
        for (RtcpPacket packet : packets) {
            byte[] dst = new byte[packet.marshalSize() + 8];
            assertThat(packet.marshalTo(dst, 8)).isEqualTo(packet.marshalSize());
            assertThat(packet.marshalSize() % 4).isZero();
        }
    }

    @Test
    void refusesToEncodeACompoundPacketThatDoesNotStartWithAReport() {
        assertThatThrownBy(() -> RtcpPacket.encodeCompound(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> RtcpPacket.encodeCompound(List.of(Goodbye.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packet type 203");
    }

    @Test
    void rejectsValuesThatDoNotFitTheirFields() {
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction lost: 256");
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0x80_0000, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cumulative lost: 8388608");
        assertThatThrownBy(() -> new SourceDescription.Item(1, "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bytes");
        assertThatThrownBy(() -> new RawRtcpPacket(200, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        assertThatThrownBy(() -> new ReceiverReport(-1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RR SSRC: -1");
    }

    private static List<ReportBlock> blocks(Random random) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            blocks.add(new ReportBlock(uint32(random), random.nextInt(256),
                    ReportBlock.MIN_CUMULATIVE_LOST + random.nextInt(1 << 24), uint32(random), uint32(random),
                    uint32(random), uint32(random)));
        }
        return blocks;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) {
            text.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static long uint32(Random random) {
        return random.nextLong() & 0xFFFF_FFFFL;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A packet of {@code size} zero bytes with the given first two header bytes and a matching length. */
    private static byte[] withLength(int b0, int packetType, int size) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) b0;
        bytes[1] = (byte) packetType;
        bytes[3] = (byte) (size / 4 - 1);
        return bytes;
    }

    static List<RtcpPacket> decodeOk(byte[] bytes) {
        RtcpDecodeResult result = RtcpPacket.decodeCompound(bytes, 0, bytes.length);
        assertThat(result).isInstanceOf(RtcpDecodeResult.Ok.class);
        return ((RtcpDecodeResult.Ok) result).packets();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
