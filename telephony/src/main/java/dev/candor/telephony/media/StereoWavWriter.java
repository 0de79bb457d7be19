package dev.candor.telephony.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes 16-bit PCM, two channels, 8 kHz, as a WAV file (RIFF, a 16-byte {@code fmt } chunk, then
 * {@code data}), streaming: samples go out as they are written, nothing is held back.
 *
 * <p>The RIFF and data sizes are only known at the end. Written to a {@link SeekableByteChannel}
 * (a plain file), they are patched into the header on {@link #close()}. Written to an
 * {@link OutputStream}, which may be a cipher stream that cannot seek, they stay at
 * {@value #UNKNOWN_SIZE}, the value streaming writers use for "until the end of the file";
 * {@link WavReader} and common tools read such files to their end.
 *
 * <p>Not thread-safe: one writer per recording, fed by the media clock.
 */
public final class StereoWavWriter implements Closeable {

    /** Sampling rate of every recording. */
    public static final int SAMPLE_RATE_HZ = 8000;
    /** Caller on the left, Candor on the right. */
    public static final int CHANNELS = 2;
    /** Bits per sample. */
    public static final int BITS_PER_SAMPLE = 16;
    /** Bytes before the first sample. */
    public static final int HEADER_SIZE = 44;
    /** The size field value for a size not known when the header was written. */
    public static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;

    private static final int BLOCK_ALIGN = CHANNELS * BITS_PER_SAMPLE / 8;
    private static final long MAX_DATA_SIZE = UNKNOWN_SIZE - (HEADER_SIZE - 8);

    private final Sink sink;
    private long dataBytes;
    private boolean closed;

    private StereoWavWriter(Sink sink) throws IOException {
        this.sink = sink;
        sink.write(header(UNKNOWN_SIZE));
    }

    /** A writer into a channel positioned at 0; the header sizes are patched on close. */
    public static StereoWavWriter to(SeekableByteChannel channel) throws IOException {
        return new StereoWavWriter(new ChannelSink(Objects.requireNonNull(channel, "channel")));
    }

    /** A writer into a stream; the header sizes stay {@value #UNKNOWN_SIZE}. */
    public static StereoWavWriter to(OutputStream out) throws IOException {
        return new StereoWavWriter(new StreamSink(Objects.requireNonNull(out, "out")));
    }

    /**
     * Writes {@code left.length} sample frames, interleaving the two channels.
     *
     * @throws IllegalArgumentException if the channels differ in length
     * @throws IllegalStateException    if the writer is closed
     */
    public void write(short[] left, short[] right) throws IOException {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (left.length != right.length) {
            throw new IllegalArgumentException("invalid channels: " + left.length + " and " + right.length
                    + " samples (expected the same length)");
        }
        if (closed) {
            throw new IllegalStateException("WAV writer is closed (expected an open writer)");
        }
        ByteBuffer buf = ByteBuffer.allocate(left.length * BLOCK_ALIGN).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < left.length; i++) {
            buf.putShort(left[i]).putShort(right[i]);
        }
        sink.write(buf.array());
        dataBytes += buf.capacity();
    }

    /** Sample frames written so far (one frame is one sample per channel). */
    public long sampleFrames() {
        return dataBytes / BLOCK_ALIGN;
    }

    /** Patches the header sizes when the target can seek, then closes the target. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sink.finish(header(Math.min(dataBytes, MAX_DATA_SIZE)));
        } finally {
            sink.close();
        }
    }

    /*
     * The canonical 44-byte header, little-endian:
     *
     *  0 "RIFF"   4 RIFF size (36 + data size)   8 "WAVE"
     * 12 "fmt "  16 16 (fmt size)   20 1 (PCM)   22 channels   24 sample rate   28 byte rate
     * 32 block align   34 bits per sample
     * 36 "data"  40 data size
     */
    static byte[] header(long dataSize) {
        long riffSize = dataSize == UNKNOWN_SIZE ? UNKNOWN_SIZE : dataSize + HEADER_SIZE - 8;
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        buf.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) CHANNELS)
                .putInt(SAMPLE_RATE_HZ).putInt(SAMPLE_RATE_HZ * BLOCK_ALIGN)
                .putShort((short) BLOCK_ALIGN).putShort((short) BITS_PER_SAMPLE);
        buf.put(ascii("data")).putInt((int) dataSize);
        return buf.array();
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }

    /** Where the bytes go. */
    private interface Sink extends Closeable {
        void write(byte[] bytes) throws IOException;

        /** Called once with the final header; a sink that can seek writes it over the first. */
        void finish(byte[] header) throws IOException;
    }

    private static final class StreamSink implements Sink {
        private final OutputStream out;

        StreamSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
        }

        @Override
        public void finish(byte[] header) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class ChannelSink implements Sink {
        private final SeekableByteChannel channel;
        private final long start;

        ChannelSink(SeekableByteChannel channel) throws IOException {
            this.channel = channel;
            this.start = channel.position();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }

        @Override
        public void finish(byte[] header) throws IOException {
            long end = channel.position();
            channel.position(start);
            write(header);
            channel.position(end);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
