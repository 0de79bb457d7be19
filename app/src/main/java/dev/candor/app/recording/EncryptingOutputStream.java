package dev.candor.app.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Writes {@link EncryptedRecordingFormat} to {@code out}: the header at once, then one sealed chunk
 * whenever {@code chunkBytes} of plaintext have gathered or {@link #flush()} is called, and the last
 * chunk on {@link #close()}. Plaintext not yet sealed is lost in a crash; everything sealed is readable.
 * Not thread-safe: one writer thread owns it.
 */
public final class EncryptingOutputStream extends OutputStream {
    /** About one second of 8 kHz 16-bit stereo audio. */
    public static final int DEFAULT_CHUNK_BYTES = 32 * 1024;

    private final OutputStream out;
    private final EncryptedRecordingFormat.Header header;
    private final byte[] fileKey;
    private final byte[] buffer;
    private int buffered;
    private long chunks;
    private long bytesWritten;
    private boolean closed;

    /**
     * @param random source of the file key and nonces: pass a {@link java.security.SecureRandom}; tests
     *     may pass a seeded generator for repeatable files
     */
    public EncryptingOutputStream(OutputStream out, MasterKey master, RandomGenerator random, int chunkBytes)
            throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(random, "random");
        if (chunkBytes < 1 || chunkBytes > EncryptedRecordingFormat.MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("invalid chunk size: " + chunkBytes + " (expected 1-"
                    + EncryptedRecordingFormat.MAX_CHUNK_BYTES + ")");
        }
        this.fileKey = bytes(random, EncryptedRecordingFormat.KEY_BYTES);
        this.header = EncryptedRecordingFormat.Header.create(master, fileKey,
                bytes(random, EncryptedRecordingFormat.WRAP_NONCE_BYTES),
                bytes(random, EncryptedRecordingFormat.NONCE_PREFIX_BYTES));
        this.buffer = new byte[chunkBytes];
        out.write(header.bytes());
        bytesWritten = header.bytes().length;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, buffer.length - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == buffer.length) {
                seal(false);
            }
        }
    }

    /** Seals what is buffered as a chunk (if anything) and flushes the file. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffered > 0) {
            seal(false);
        }
        out.flush();
    }

    /** Seals the last chunk (possibly empty) and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            seal(true);
            out.flush();
        } finally {
            closed = true;
            Arrays.fill(fileKey, (byte) 0);
            out.close();
        }
    }

    /** Bytes written to the file so far, header and sealed chunks. */
    public long bytesWritten() {
        return bytesWritten;
    }

    private void seal(boolean last) throws IOException {
        byte[] nonce = EncryptedRecordingFormat.chunkNonce(header.noncePrefix(), chunks, last);
        byte[] sealed = EncryptedRecordingFormat.seal(fileKey, nonce, Arrays.copyOf(buffer, buffered), header.bytes());
        out.write(ByteBuffer.allocate(4).putInt(buffered).array());
        out.write(sealed);
        bytesWritten += 4 + sealed.length;
        buffered = 0;
        chunks++;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("encrypted recording stream is closed (expected an open stream)");
        }
    }

    private static byte[] bytes(RandomGenerator random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
