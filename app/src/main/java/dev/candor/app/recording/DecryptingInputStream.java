package dev.candor.app.recording;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the plaintext of an {@link EncryptedRecordingFormat} file, one authenticated chunk at a time.
 *
 * <p>A chunk that fails authentication (an altered byte, a chunk moved, dropped or taken from another
 * file) is a {@link RecordingFormatException}, always. A file cut short, by a crash or because the call is
 * still being recorded, ends after its last complete chunk: in {@link Mode#COMPLETE} that is an error too;
 * in {@link Mode#UP_TO_LAST_CHUNK} the stream simply ends there and {@link #complete()} tells whether the
 * real last chunk was seen.
 */
public final class DecryptingInputStream extends InputStream {

    /** What to do when the file ends without its last chunk. */
    public enum Mode {
        /** Fail: the recording must be whole. */
        COMPLETE,
        /** Read everything up to the last complete chunk: recordings cut by a crash or still being written. */
        UP_TO_LAST_CHUNK
    }

    private final DataInputStream in;
    private final Mode mode;
    private final EncryptedRecordingFormat.Header header;
    private final byte[] fileKey;
    private byte[] chunk = new byte[0];
    private int position;
    private long index;
    private boolean sawLast;
    private boolean ended;

    /** Reads and checks the header at once: a wrong master key fails here, with both key ids in the message. */
    public DecryptingInputStream(InputStream in, MasterKey master, Mode mode) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(master, "master");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.in = new DataInputStream(new BufferedInputStream(in));
        this.header = EncryptedRecordingFormat.Header.read(this.in);
        this.fileKey = header.unwrap(master);
    }

    /** The id of the master key the file was encrypted with. */
    public String keyId() {
        return header.keyId();
    }

    /** True once the file's real last chunk has been read (the recording was closed properly). */
    public boolean complete() {
        return sawLast;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(fileKey, (byte) 0);
        in.close();
    }

    /** Reads, authenticates and decrypts the next chunk; false at the end. */
    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        if (sawLast) {
            if (in.read() >= 0) {
                throw new RecordingFormatException("data after the last chunk (chunk " + (index - 1)
                        + "): the file was altered");
            }
            ended = true;
            return false;
        }
        int length;
        byte[] sealed;
        try {
            length = in.readInt();
            if (length < 0 || length > EncryptedRecordingFormat.MAX_CHUNK_BYTES) {
                throw new RecordingFormatException("invalid length of chunk " + index + ": " + length
                        + " (expected 0-" + EncryptedRecordingFormat.MAX_CHUNK_BYTES + "): the file was altered");
            }
            sealed = new byte[length + EncryptedRecordingFormat.TAG_BYTES];
            in.readFully(sealed);
        } catch (EOFException e) {
            return truncated();
        }
        // The last chunk is the one followed by nothing; a cut exactly after a chunk is caught because
        // that chunk was sealed as "not last".
        in.mark(1);
        boolean atEnd = in.read() < 0;
        in.reset();
        chunk = decrypt(sealed, atEnd);
        position = 0;
        index++;
        return true;
    }

    private byte[] decrypt(byte[] sealed, boolean atEnd) throws IOException {
        try {
            byte[] plain = EncryptedRecordingFormat.open(fileKey,
                    EncryptedRecordingFormat.chunkNonce(header.noncePrefix(), index, atEnd), sealed, header.bytes());
            sawLast = atEnd;
            return plain;
        } catch (GeneralSecurityException e) {
            if (atEnd) {
                // A file cut right after a chunk that was not the last: valid, but incomplete.
                try {
                    byte[] plain = EncryptedRecordingFormat.open(fileKey,
                            EncryptedRecordingFormat.chunkNonce(header.noncePrefix(), index, false), sealed,
                            header.bytes());
                    if (mode == Mode.COMPLETE) {
                        throw new RecordingFormatException("the recording is cut short after chunk " + index
                                + " (its last chunk is missing)");
                    }
                    return plain;
                } catch (GeneralSecurityException again) {
                    // fall through: the chunk itself is bad
                }
            }
            throw new RecordingFormatException("chunk " + index + " failed authentication: the file was altered",
                    e);
        }
    }

    private boolean truncated() throws RecordingFormatException {
        if (mode == Mode.COMPLETE) {
            throw new RecordingFormatException("the recording is cut short inside chunk " + index
                    + " (its last chunk is missing)");
        }
        ended = true;
        return false;
    }
}
