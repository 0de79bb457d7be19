package dev.candor.telephony.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads a 16-bit PCM WAV file, any sampling rate and channel count, such as the recordings
 * {@link StereoWavWriter} makes. Chunks other than {@code fmt } and {@code data} are skipped. A data
 * size of {@value StereoWavWriter#UNKNOWN_SIZE} (a recording written to a stream), or one larger
 * than what follows, means "to the end of the input"; a trailing odd byte is ignored.
 *
 * <p>Reads everything into memory: meant for recordings and test fixtures, not for hours of audio.
 */
public final class WavReader {

    private WavReader() {
    }

    /**
     * The samples of one WAV file.
     *
     * @param sampleRateHz from the fmt chunk
     * @param channels     samples per channel, de-interleaved; {@code channels[0]} is the left one
     */
    public record Audio(int sampleRateHz, short[][] channels) {

        public Audio {
            Objects.requireNonNull(channels, "channels");
        }

        /** Samples in each channel. */
        public int length() {
            return channels.length == 0 ? 0 : channels[0].length;
        }

        /** A copy of one channel's samples. */
        public short[] channel(int index) {
            return channels[index].clone();
        }
    }

    /**
     * Reads all of {@code in}, without closing it.
     *
     * @throws IOException if reading fails or the bytes are not a 16-bit PCM WAV file; the message
     *     names what was found and what was expected
     */
    public static Audio read(InputStream in) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 12) {
            throw new IOException("not a WAV file: " + buf.remaining() + " bytes (expected at least 12)");
        }
        expectTag(buf, "RIFF");
        buf.getInt();                                   // RIFF size: not trusted, may be unknown
        expectTag(buf, "WAVE");
        Format format = null;
        while (buf.remaining() >= 8) {
            String tag = tag(buf);
            long size = buf.getInt() & 0xFFFF_FFFFL;
            if (tag.equals("fmt ")) {
                format = readFormat(buf, size);
            } else if (tag.equals("data")) {
                if (format == null) {
                    throw new IOException("invalid WAV file: data chunk before fmt chunk (expected fmt first)");
                }
                int bytes = (int) Math.min(size, buf.remaining());
                return new Audio(format.sampleRateHz(), deinterleave(buf, bytes, format.channels()));
            } else {
                long skip = size + (size & 1);
                if (skip > buf.remaining()) {
                    break;
                }
                buf.position(buf.position() + (int) skip);
            }
        }
        throw new IOException("invalid WAV file: no data chunk (expected fmt and data chunks)");
    }

    private record Format(int sampleRateHz, int channels) {
    }

    /** Reads a fmt chunk of {@code size} bytes and moves past it. */
    private static Format readFormat(ByteBuffer buf, long size) throws IOException {
        if (size < 16 || size > buf.remaining()) {
            throw new IOException("invalid WAV fmt chunk: " + size + " bytes (expected at least 16)");
        }
        int start = buf.position();
        int format = buf.getShort() & 0xFFFF;
        int channels = buf.getShort() & 0xFFFF;
        int sampleRate = buf.getInt();
        buf.getInt();                                   // byte rate
        buf.getShort();                                 // block align
        int bits = buf.getShort() & 0xFFFF;
        if (format != 1 || bits != 16 || channels == 0) {
            throw new IOException("unsupported WAV format: format " + format + ", " + bits + " bits, "
                    + channels + " channels (expected PCM, format 1, 16 bits, 1 or more channels)");
        }
        buf.position((int) Math.min(buf.limit(), start + size + (size & 1)));
        return new Format(sampleRate, channels);
    }

    private static short[][] deinterleave(ByteBuffer buf, int bytes, int channels) {
        int frames = bytes / (2 * channels);
        short[][] samples = new short[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                samples[c][i] = buf.getShort();
            }
        }
        return samples;
    }

    private static void expectTag(ByteBuffer buf, String expected) throws IOException {
        String tag = tag(buf);
        if (!tag.equals(expected)) {
            throw new IOException("not a WAV file: found '" + tag + "' (expected '" + expected + "')");
        }
    }

    private static String tag(ByteBuffer buf) {
        byte[] tag = new byte[4];
        buf.get(tag);
        return new String(tag, StandardCharsets.ISO_8859_1);
    }
}
