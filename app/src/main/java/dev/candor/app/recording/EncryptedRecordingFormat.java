package dev.candor.app.recording;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The encrypted recording file, version 1. A streaming AEAD in the style of the STREAM construction
 * (Hoang, Reyhanitabar, Rogaway, Vizár 2015): every chunk is sealed on its own, so a file cut short by a
 * crash is readable up to its last complete chunk, and the last chunk carries a flag, so a cut exactly
 * at a chunk boundary is still noticed.
 *
 * <pre>
 * header (all integers big-endian):
 *   magic        8  "CANDORE1" (never "RIFF": the file is not a playable WAV)
 *   key id len   1  n, 1-64
 *   key id       n  ASCII, the master key's id (see MasterKey#id)
 *   wrap nonce  12  random
 *   wrapped key 48  AES-256-GCM(master key, wrap nonce, file key (32 bytes), aad = the header bytes before it)
 *   nonce prefix 7  random
 * chunk, repeated:
 *   length       4  plaintext bytes in this chunk, 0-1 MiB
 *   sealed   len+16 AES-256-GCM(file key, nonce, plaintext, aad = the whole header)
 *                   nonce = nonce prefix (7) | chunk index (4) | 1 for the last chunk, else 0 (1)
 * </pre>
 *
 * The last chunk may be empty. Nothing may follow it.
 */
public final class EncryptedRecordingFormat {
    /** The first eight bytes of every encrypted recording. */
    public static final byte[] MAGIC = "CANDORE1".getBytes(StandardCharsets.US_ASCII);
    /** What {@code recordings.format} says for these files. */
    public static final String FORMAT_NAME = "wav-pcm16-8khz-stereo+aes256gcm-chunked-v1";
    static final int KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    static final int WRAP_NONCE_BYTES = 12;
    static final int NONCE_PREFIX_BYTES = 7;
    static final int MAX_CHUNK_BYTES = 1 << 20;
    static final int MAX_KEY_ID_BYTES = 64;

    private EncryptedRecordingFormat() {
    }

    /** A parsed header: the raw bytes (the chunks' associated data), the key id, the wrapped key. */
    record Header(byte[] bytes, String keyId, byte[] wrapNonce, byte[] wrappedKey, byte[] noncePrefix) {
        Header {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(keyId, "keyId");
        }

        /** Builds the header for a new file, wrapping {@code fileKey} with {@code master}. */
        static Header create(MasterKey master, byte[] fileKey, byte[] wrapNonce, byte[] noncePrefix) {
            byte[] id = master.id().getBytes(StandardCharsets.US_ASCII);
            ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 1 + id.length + WRAP_NONCE_BYTES);
            prefix.put(MAGIC).put((byte) id.length).put(id).put(wrapNonce);
            byte[] wrapped = seal(master.keyBytes(), wrapNonce, fileKey, prefix.array());
            ByteBuffer all = ByteBuffer.allocate(prefix.capacity() + wrapped.length + NONCE_PREFIX_BYTES);
            all.put(prefix.array()).put(wrapped).put(noncePrefix);
            return new Header(all.array(), master.id(), wrapNonce, wrapped, noncePrefix);
        }

        /** Reads a header; {@link RecordingFormatException} when the bytes are not one. */
        static Header read(InputStream in) throws IOException {
            DataInputStream data = new DataInputStream(in);
            byte[] magic = new byte[MAGIC.length];
            readFully(data, magic, "the file header");
            if (!Arrays.equals(magic, MAGIC)) {
                throw new RecordingFormatException("not an encrypted Candor recording: the file starts with "
                        + printable(magic) + " (expected " + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
            }
            int idLength = data.readUnsignedByte();
            if (idLength < 1 || idLength > MAX_KEY_ID_BYTES) {
                throw new RecordingFormatException("invalid key id length: " + idLength + " (expected 1-"
                        + MAX_KEY_ID_BYTES + ")");
            }
            byte[] id = new byte[idLength];
            byte[] wrapNonce = new byte[WRAP_NONCE_BYTES];
            byte[] wrapped = new byte[KEY_BYTES + TAG_BYTES];
            byte[] noncePrefix = new byte[NONCE_PREFIX_BYTES];
            readFully(data, id, "the file header");
            readFully(data, wrapNonce, "the file header");
            readFully(data, wrapped, "the file header");
            readFully(data, noncePrefix, "the file header");
            ByteBuffer all = ByteBuffer.allocate(MAGIC.length + 1 + idLength + WRAP_NONCE_BYTES + wrapped.length
                    + NONCE_PREFIX_BYTES);
            all.put(magic).put((byte) idLength).put(id).put(wrapNonce).put(wrapped).put(noncePrefix);
            return new Header(all.array(), new String(id, StandardCharsets.US_ASCII), wrapNonce, wrapped,
                    noncePrefix);
        }

        /** Unwraps the file key; a clear error for a different master key or a tampered header. */
        byte[] unwrap(MasterKey master) throws RecordingFormatException {
            if (!master.id().equals(keyId)) {
                throw new RecordingFormatException("wrong master key: the recording was encrypted with key id "
                        + keyId + ", the configured master key has id " + master.id());
            }
            byte[] aad = Arrays.copyOf(bytes, bytes.length - wrappedKey.length - NONCE_PREFIX_BYTES);
            try {
                return open(master.keyBytes(), wrapNonce, wrappedKey, aad);
            } catch (GeneralSecurityException e) {
                throw new RecordingFormatException("cannot unwrap the file key with master key " + master.id()
                        + ": the header was altered or the key is not the one it claims to be", e);
            }
        }
    }

    /** The nonce of chunk {@code index}. */
    static byte[] chunkNonce(byte[] noncePrefix, long index, boolean last) {
        if (index < 0 || index > 0xFFFF_FFFFL) {
            throw new IllegalStateException("too many chunks: " + index + " (expected at most 2^32)");
        }
        return ByteBuffer.allocate(12).put(noncePrefix).putInt((int) index).put((byte) (last ? 1 : 0)).array();
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    static byte[] open(byte[] key, byte[] nonce, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed);
    }

    private static void readFully(DataInputStream in, byte[] into, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new RecordingFormatException("the file ends inside " + what, e);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : bytes) {
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF));
        }
        return s.append('"').toString();
    }
}
