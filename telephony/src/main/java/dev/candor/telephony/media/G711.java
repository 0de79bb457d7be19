package dev.candor.telephony.media;

import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * ITU-T G.711 companding between 16-bit linear PCM and 8-bit µ-law (PCMU) or A-law (PCMA).
 *
 * <p>Encoding follows the segment arithmetic of G.711 as implemented in the ITU-T G.191 reference:
 * µ-law works on 14-bit magnitudes with a bias of 33, A-law on 12/13-bit magnitudes; negative
 * samples use the one's complement of the magnitude. Decoding reads 256-entry tables built from
 * the standard's output (mid-interval) values, scaled to 16 bits.
 *
 * <p>µ-law has two codes for zero: 0xFF (+0) and 0x7F (-0). Both decode to 0; 0 encodes to 0xFF,
 * while -1 to -4 encode to 0x7F as in G.191.
 */
public final class G711 {

    private static final short[] ULAW_TO_LINEAR = buildTable(G711::expandUlaw);
    private static final short[] ALAW_TO_LINEAR = buildTable(G711::expandAlaw);

    /** µ-law magnitudes above this (in 14-bit units, bias included) are clipped. */
    private static final int ULAW_MAX_BIASED = 0x1FFF;
    private static final int ULAW_BIAS = 33;

    private G711() {
    }

    /** The G.711 variant a codec negotiated: PCMU (payload type 0) or PCMA (payload type 8). */
    public enum Law {
        MU_LAW((byte) 0xFF),
        A_LAW((byte) 0xD5);

        private final byte silence;

        Law(byte silence) {
            this.silence = silence;
        }

        /** Encodes every sample; the result has one byte per sample. */
        public byte[] encode(short[] pcm) {
            Objects.requireNonNull(pcm, "pcm");
            byte[] out = new byte[pcm.length];
            encode(pcm, out, 0);
            return out;
        }

        /**
         * Encodes every sample into {@code dst} from {@code offset}, one byte per sample, allocating
         * nothing: for the media clock, which encodes every call's frame every 20 ms.
         *
         * @throws IllegalArgumentException if {@code dst} has fewer than {@code pcm.length} bytes from {@code offset}
         */
        public void encode(short[] pcm, byte[] dst, int offset) {
            Objects.requireNonNull(pcm, "pcm");
            Objects.requireNonNull(dst, "dst");
            if (offset < 0 || offset > dst.length - pcm.length) {
                throw new IllegalArgumentException("invalid range: " + pcm.length + " bytes at " + offset
                        + " (expected within an array of " + dst.length + ")");
            }
            if (this == MU_LAW) {
                for (int i = 0; i < pcm.length; i++) {
                    dst[offset + i] = linearToUlaw(pcm[i]);
                }
            } else {
                for (int i = 0; i < pcm.length; i++) {
                    dst[offset + i] = linearToAlaw(pcm[i]);
                }
            }
        }

        /**
         * Decodes {@code data[offset, offset + length)}, one sample per byte.
         *
         * @throws IllegalArgumentException if the range does not lie within {@code data}
         */
        public short[] decode(byte[] data, int offset, int length) {
            Objects.requireNonNull(data, "data");
            if (offset < 0 || length < 0 || length > data.length - offset) {
                throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length
                        + " (expected within an array of " + data.length + " bytes)");
            }
            short[] table = this == MU_LAW ? ULAW_TO_LINEAR : ALAW_TO_LINEAR;
            short[] out = new short[length];
            for (int i = 0; i < length; i++) {
                out[i] = table[data[offset + i] & 0xFF];
            }
            return out;
        }

        /** The code for a zero sample: 0xFF for µ-law, 0xD5 for A-law. */
        public byte silence() {
            return silence;
        }
    }

    /** Encodes one sample to µ-law. */
    public static byte linearToUlaw(short pcm) {
        // 14-bit magnitude (one's complement for negatives), biased so segments start at powers of two.
        int magnitude = (pcm < 0 ? ~pcm : pcm) >> 2;
        int biased = Math.min(magnitude + ULAW_BIAS, ULAW_MAX_BIASED);
        // Segment 0 holds biased values 32..63, segment 7 holds 4096..8191.
        int segment = 31 - Integer.numberOfLeadingZeros(biased) - 5;
        int mantissa = (biased >> (segment + 1)) & 0x0F;
        int code = (segment << 4) | mantissa;
        int inverted = ~code & 0x7F;
        return (byte) (pcm >= 0 ? inverted | 0x80 : inverted);
    }

    /** Decodes one µ-law code. */
    public static short ulawToLinear(byte ulaw) {
        return ULAW_TO_LINEAR[ulaw & 0xFF];
    }

    /** Encodes one sample to A-law. */
    public static byte linearToAlaw(short pcm) {
        // 12-bit magnitude (one's complement for negatives).
        int magnitude = (pcm < 0 ? ~pcm : pcm) >> 4;
        int code;
        if (magnitude < 16) {
            code = magnitude;
        } else {
            // Segment 1 holds 16..31, segment 7 holds 1024..2047: a 16-bit sample never needs clipping.
            int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 3;
            int mantissa = (magnitude >> (segment - 1)) - 16;
            code = (segment << 4) | mantissa;
        }
        // Sign bit set for positive samples; even bits inverted (XOR 0x55).
        return (byte) ((pcm >= 0 ? code | 0x80 : code) ^ 0x55);
    }

    /** Decodes one A-law code. */
    public static short alawToLinear(byte alaw) {
        return ALAW_TO_LINEAR[alaw & 0xFF];
    }

    private static int expandUlaw(int code) {
        int inverted = ~code & 0xFF;
        int segment = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        // Mid-interval output, 16-bit scale: ((2 * mantissa + 33) << segment) * 4 - 33 * 4.
        int magnitude = (((mantissa << 3) + (ULAW_BIAS << 2)) << segment) - (ULAW_BIAS << 2);
        return (code & 0x80) != 0 ? magnitude : -magnitude;
    }

    private static int expandAlaw(int code) {
        int toggled = (code ^ 0x55) & 0x7F;
        int segment = toggled >> 4;
        int mantissa = toggled & 0x0F;
        int step = segment == 0 ? mantissa : mantissa + 16;
        int magnitude = (step << 4) + 8;
        if (segment > 1) {
            magnitude <<= segment - 1;
        }
        return (code & 0x80) != 0 ? magnitude : -magnitude;
    }

    private static short[] buildTable(IntUnaryOperator expand) {
        short[] table = new short[256];
        for (int code = 0; code < 256; code++) {
            table[code] = (short) expand.applyAsInt(code);
        }
        return table;
    }
}
