package dev.candor.speech.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads mono, signed 16-bit, little-endian PCM WAV files (RIFF {@code WAVE}, format tag 1).
 *
 * <pre>
 *  offset  field
 *  0       "RIFF"  chunk size (u32)  "WAVE"
 *  12      chunks: id (4 ASCII)  size (u32)  body, padded to an even length
 *            "fmt " (at least 16 bytes): format tag (u16) = 1 (PCM), channels (u16) = 1,
 *                   sample rate (u32), byte rate (u32), block align (u16) = 2, bits (u16) = 16
 *            "data": the samples; must follow "fmt "
 *            anything else ("LIST", "fact", ...) is skipped
 * </pre>
 *
 * Anything else fails with an {@link InvalidWavException} that names the field, the value found
 * and what was expected. Stateless; safe to share.
 */
public final class WavReader {

    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int PCM_FORMAT_TAG = 1;

    private WavReader() {}

    public static PcmAudio read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Files.readAllBytes(file));
        } catch (InvalidWavException e) {
            throw new InvalidWavException(file + ": " + e.getMessage());
        }
    }

    /** Reads the whole stream (without closing it) and parses it. */
    public static PcmAudio read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return parse(in.readAllBytes());
    }

    /** Parses a complete WAV file held in memory. */
    public static PcmAudio parse(byte[] wav) throws InvalidWavException {
        Objects.requireNonNull(wav, "wav");
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < RIFF_HEADER_BYTES) {
            throw new InvalidWavException(
                    "too short for a RIFF header: " + wav.length + " bytes (expected at least 12)");
        }
        expectTag(in, 0, "RIFF", "RIFF chunk id");
        expectTag(in, 8, "WAVE", "RIFF form type");
        int sampleRateHz = -1;
        int at = RIFF_HEADER_BYTES;
        while (at + CHUNK_HEADER_BYTES <= wav.length) {
            String id = tag(in, at);
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            int body = at + CHUNK_HEADER_BYTES;
            if (id.equals("fmt ")) {
                sampleRateHz = checkFormat(in, body, size, wav.length);
            } else if (id.equals("data")) {
                if (sampleRateHz < 0) {
                    throw new InvalidWavException(
                            "\"data\" chunk at byte " + at + " before any \"fmt \" chunk");
                }
                return new PcmAudio(sampleRateHz, samples(in, body, size, wav.length));
            }
            long next = body + size + (size & 1);
            if (next > wav.length) {
                throw new InvalidWavException("chunk \"" + id + "\" at byte " + at + " claims " + size
                        + " bytes but only " + (wav.length - body) + " remain");
            }
            at = (int) next;
        }
        throw new InvalidWavException(sampleRateHz < 0
                ? "no \"fmt \" chunk (expected one after the RIFF header)"
                : "no \"data\" chunk (expected one after \"fmt \")");
    }

    private static int checkFormat(ByteBuffer in, int body, long size, int length)
            throws InvalidWavException {
        if (size < 16 || body + 16 > length) {
            throw new InvalidWavException(
                    "\"fmt \" chunk too short: " + size + " bytes (expected at least 16)");
        }
        int formatTag = Short.toUnsignedInt(in.getShort(body));
        int channels = Short.toUnsignedInt(in.getShort(body + 2));
        long sampleRateHz = Integer.toUnsignedLong(in.getInt(body + 4));
        int blockAlign = Short.toUnsignedInt(in.getShort(body + 12));
        int bits = Short.toUnsignedInt(in.getShort(body + 14));
        expect(formatTag == PCM_FORMAT_TAG, "format tag", formatTag, "1, linear PCM");
        expect(channels == 1, "channels", channels, "1, mono");
        expect(bits == 16, "bits per sample", bits, "16");
        expect(blockAlign == 2, "block align", blockAlign, "2 bytes");
        expect(sampleRateHz > 0 && sampleRateHz <= 384_000, "sample rate", sampleRateHz,
                "1-384000 Hz");
        return (int) sampleRateHz;
    }

    private static short[] samples(ByteBuffer in, int body, long size, int length)
            throws InvalidWavException {
        if (body + size > length) {
            throw new InvalidWavException("\"data\" chunk claims " + size + " bytes but only "
                    + (length - body) + " remain (truncated file?)");
        }
        if ((size & 1) != 0) {
            throw new InvalidWavException(
                    "\"data\" chunk has " + size + " bytes (expected a whole number of 2-byte samples)");
        }
        short[] samples = new short[(int) (size / 2)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = in.getShort(body + 2 * i);
        }
        return samples;
    }

    private static void expectTag(ByteBuffer in, int at, String expected, String field)
            throws InvalidWavException {
        String found = tag(in, at);
        if (!found.equals(expected)) {
            throw new InvalidWavException(
                    "bad " + field + ": \"" + printable(found) + "\" (expected \"" + expected + "\")");
        }
    }

    private static void expect(boolean ok, String field, long found, String expected)
            throws InvalidWavException {
        if (!ok) {
            throw new InvalidWavException(
                    "unsupported " + field + ": " + found + " (expected " + expected + ")");
        }
    }

    private static String tag(ByteBuffer in, int at) {
        byte[] four = new byte[4];
        in.get(at, four);
        return new String(four, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String tag) {
        StringBuilder out = new StringBuilder();
        for (char c : tag.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }
}
