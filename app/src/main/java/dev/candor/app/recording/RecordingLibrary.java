package dev.candor.app.recording;

import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.RecordingStore.RecordingRow;
import dev.candor.telephony.media.StereoWavWriter;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a call's recording and decrypts it as a playable WAV: the sizes in its header, unknown while
 * the file was written as a stream, are filled in from the complete chunks, so browsers can seek and show
 * the length. A recording cut by a crash, or still being recorded, plays up to its last complete chunk.
 */
public final class RecordingLibrary {
    /** For nodes with no recordings table wired (tests of other parts). */
    public static final RecordingLibrary NONE = new RecordingLibrary(null, Optional.empty());

    private final RecordingStore store;
    private final Optional<MasterKey> key;

    /** @param key empty when no master key is available: recordings are listed but cannot be played */
    public RecordingLibrary(RecordingStore store, Optional<MasterKey> key) {
        this.store = store;
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The latest recording of a call. */
    public Optional<RecordingRow> find(String callId) {
        return store == null ? Optional.empty() : store.latestForCall(callId);
    }

    /** A decrypted recording: {@code length} bytes of WAV. Close the stream. */
    public record Playable(long length, InputStream wav) {
    }

    /**
     * Opens a recording for playing.
     *
     * @throws IllegalStateException when no master key is configured
     * @throws RecordingFormatException when the file is not readable with the master key (wrong key, altered)
     */
    public Playable open(RecordingRow row) throws IOException {
        MasterKey master = key.orElseThrow(() -> new IllegalStateException(
                "no recording master key is available (recording.key-env or recording.key-file)"));
        Path file = Path.of(row.filePath());
        long length = plaintextLength(file);
        if (length < StereoWavWriter.HEADER_SIZE) {
            throw new RecordingFormatException("recording " + row.id() + " holds no audio yet");
        }
        DecryptingInputStream in = new DecryptingInputStream(Files.newInputStream(file), master,
                DecryptingInputStream.Mode.UP_TO_LAST_CHUNK);
        try {
            byte[] header = in.readNBytes(StereoWavWriter.HEADER_SIZE);
            if (header.length < StereoWavWriter.HEADER_SIZE) {
                throw new RecordingFormatException("recording " + row.id() + " ends inside its WAV header");
            }
            long data = length - StereoWavWriter.HEADER_SIZE;
            ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(4, (int) (data + StereoWavWriter.HEADER_SIZE - 8));
            b.putInt(40, (int) data);
            return new Playable(length, new SequenceInputStream(new ByteArrayInputStream(header), new Limited(in, data)));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The plaintext bytes in the file's complete chunks, counted from the length fields alone. */
    static long plaintextLength(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            EncryptedRecordingFormat.Header.read(in);
            long total = 0;
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    return total;
                }
                if (length < 0 || length > EncryptedRecordingFormat.MAX_CHUNK_BYTES) {
                    throw new RecordingFormatException("invalid chunk length " + length + " in " + file);
                }
                long sealed = (long) length + EncryptedRecordingFormat.TAG_BYTES;
                if (skip(in, sealed) < sealed) {
                    return total;
                }
                total += length;
            }
        }
    }

    private static long skip(InputStream in, long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            long step = in.skip(n - skipped);
            if (step <= 0) {
                if (in.read() < 0) {
                    return skipped;
                }
                step = 1;
            }
            skipped += step;
        }
        return skipped;
    }

    /** At most {@code remaining} bytes of {@code in}: a file still being written may grow meanwhile. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
