package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.candor.telephony.media.G711.Law;
import org.junit.jupiter.api.Test;

/**
 * ITU-T G.711 over all 256 codes. The reference values come from the standard's tables, written
 * here as segment start and step (Table 2a for µ-law in the 8159 scale, Table 1a for A-law in the
 * 4096 scale), not from the code under test.
 */
class G711Test {

    /** µ-law, Table 2a: decoder output of the first interval of segments 1–8, and the step. */
    private static final int[] ULAW_SEGMENT_START = {0, 33, 99, 231, 495, 1023, 2079, 4191};
    private static final int[] ULAW_STEP = {2, 4, 8, 16, 32, 64, 128, 256};
    /** A-law, Table 1a: decoder output of the first interval of segments 1–8, and the step. */
    private static final int[] ALAW_SEGMENT_START = {1, 33, 66, 132, 264, 528, 1056, 2112};
    private static final int[] ALAW_STEP = {2, 2, 4, 8, 16, 32, 64, 128};

    /** µ-law codes are transmitted inverted; the sign bit is 1 for positive values. */
    private static int ulawReference(int code) {
        int bits = ~code & 0x7F;
        int magnitude = ULAW_SEGMENT_START[bits >> 4] + ULAW_STEP[bits >> 4] * (bits & 0x0F);
        return ((code & 0x80) != 0 ? magnitude : -magnitude) * 4; // 14-bit scale to 16-bit
    }

    /** A-law codes are transmitted with the even bits inverted; the sign bit is 1 for positive values. */
    private static int alawReference(int code) {
        int bits = (code ^ 0x55) & 0x7F;
        int magnitude = ALAW_SEGMENT_START[bits >> 4] + ALAW_STEP[bits >> 4] * (bits & 0x0F);
        return ((code & 0x80) != 0 ? magnitude : -magnitude) * 8; // 13-bit scale to 16-bit
    }

    @Test
    void everyUlawCodeDecodesToTheItuValue() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.ulawToLinear((byte) code)).as("code 0x%02X", code).isEqualTo((short) ulawReference(code));
        }
    }

    @Test
    void everyAlawCodeDecodesToTheItuValue() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.alawToLinear((byte) code)).as("code 0x%02X", code).isEqualTo((short) alawReference(code));
        }
    }

    @Test
    void everyUlawCodeReencodesToItselfExceptNegativeZero() {
        for (int code = 0; code < 256; code++) {
            byte reencoded = G711.linearToUlaw(G711.ulawToLinear((byte) code));
            int expected = code == 0x7F ? 0xFF : code; // -0 decodes to 0, and 0 is +0
            assertThat(reencoded & 0xFF).as("code 0x%02X", code).isEqualTo(expected);
        }
    }

    @Test
    void ulawNegativeZeroIsWhatTheSmallestNegativeSamplesEncodeTo() {
        assertThat(G711.ulawToLinear((byte) 0x7F)).isZero();
        assertThat(G711.linearToUlaw((short) 0) & 0xFF).isEqualTo(0xFF);
        assertThat(G711.linearToUlaw((short) -1) & 0xFF).isEqualTo(0x7F);
    }

    @Test
    void everyAlawCodeReencodesToItself() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.linearToAlaw(G711.alawToLinear((byte) code)) & 0xFF).as("code 0x%02X", code)
                    .isEqualTo(code);
        }
    }

    @Test
    void decodesTheAnchorValues() {
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void encodesTheExtremesToTheOutermostCodes() {
        assertThat(G711.linearToUlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0x80);
        assertThat(G711.linearToUlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x00);
        assertThat(G711.linearToAlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0xAA);
        assertThat(G711.linearToAlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x2A);
    }

    @Test
    void ulawEncodingIsMonotonicAndCloseOverTheWhole16BitRange() {
        assertMonotonicAndClose(Law.MU_LAW);
    }

    @Test
    void alawEncodingIsMonotonicAndCloseOverTheWhole16BitRange() {
        assertMonotonicAndClose(Law.A_LAW);
    }

    private static void assertMonotonicAndClose(Law law) {
        int previous = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            short[] decoded = law.decode(law.encode(new short[] {(short) x}), 0, 1);
            int y = decoded[0];
            assertThat(y).as("%s of %d", law, x).isGreaterThanOrEqualTo(previous);
            // Quantisation error stays within about half a step: 1/32 of the value plus the smallest step.
            assertThat(Math.abs(y - x)).as("%s error at %d", law, x).isLessThanOrEqualTo(Math.abs(x) / 16 + 16);
            previous = y;
        }
    }

    @Test
    void lawsEncodeAndDecodeArraysSampleBySample() {
        short[] pcm = {0, 1000, -1000, 32767, -32768};

        byte[] ulaw = Law.MU_LAW.encode(pcm);
        byte[] alaw = Law.A_LAW.encode(pcm);

        for (int i = 0; i < pcm.length; i++) {
            assertThat(ulaw[i]).isEqualTo(G711.linearToUlaw(pcm[i]));
            assertThat(alaw[i]).isEqualTo(G711.linearToAlaw(pcm[i]));
        }
        assertThat(Law.MU_LAW.decode(ulaw, 1, 2))
                .containsExactly(G711.ulawToLinear(ulaw[1]), G711.ulawToLinear(ulaw[2]));
        assertThat(Law.A_LAW.decode(alaw, 3, 2))
                .containsExactly(G711.alawToLinear(alaw[3]), G711.alawToLinear(alaw[4]));
    }

    @Test
    void silenceIsTheCodeForZero() {
        assertThat(Law.MU_LAW.silence()).isEqualTo(G711.linearToUlaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(Law.A_LAW.silence()).isEqualTo(G711.linearToAlaw((short) 0)).isEqualTo((byte) 0xD5);
    }

    @Test
    void decodeRejectsARangeOutsideTheArray() {
        assertThatThrownBy(() -> Law.MU_LAW.decode(new byte[160], 100, 61))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 100, length 61");
    }

    @Test
    void encodingIntoAnArrayMatchesEncodingToANewOneForEverySampleValue() {
        short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 32768);
        }
        for (Law law : Law.values()) {
            byte[] dst = new byte[pcm.length + 7];
            law.encode(pcm, dst, 5);
            assertThat(java.util.Arrays.copyOfRange(dst, 5, 5 + pcm.length)).as(law.name()).isEqualTo(law.encode(pcm));
            assertThat(dst[4]).isZero();
            assertThat(dst[5 + pcm.length]).isZero();
        }
        assertThatThrownBy(() -> Law.A_LAW.encode(new short[160], new byte[170], 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid range: 160 bytes at 11 (expected within an array of 170)");
    }
}
