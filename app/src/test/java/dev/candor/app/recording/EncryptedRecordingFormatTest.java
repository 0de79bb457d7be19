package dev.candor.app.recording;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encrypted recording format: round trips, tampering, truncation and the wrong key. */
class EncryptedRecordingFormatTest {
    private static final int CHUNK = 1000;
    private final MasterKey master = MasterKey.of(bytes(32, 1));

    @Test
    void roundTripGivesBackEveryByteAndIsComplete() throws IOException {
        byte[] plain = bytes(10_500, 2);      // ten full chunks and a partial one
        byte[] file = encrypt(plain);

        DecryptingInputStream in = reader(file, DecryptingInputStream.Mode.COMPLETE);
        assertThat(in.readAllBytes()).isEqualTo(plain);
        assertThat(in.complete()).isTrue();
        assertThat(in.keyId()).isEqualTo(master.id());
    }

    @Test
    void emptyRecordingRoundTrips() throws IOException {
        assertThat(reader(encrypt(new byte[0]), DecryptingInputStream.Mode.COMPLETE).readAllBytes()).isEmpty();
    }

    @Test
    void fileIsNotPlaintextAndDoesNotStartLikeAWav() throws IOException {
        byte[] plain = ("RIFF" + "x".repeat(3000)).getBytes(StandardCharsets.US_ASCII);
        byte[] file = encrypt(plain);

        assertThat(Arrays.copyOf(file, 8)).isEqualTo(EncryptedRecordingFormat.MAGIC);
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("RIFF").doesNotContain("xxxx");
    }

    @Test
    void twoFilesOfTheSamePlaintextDiffer() throws IOException {
        byte[] plain = bytes(2000, 3);
        assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
    }

    @Test
    void anyAlteredByteIsDetected() throws IOException {
        byte[] plain = bytes(3 * CHUNK, 4);
        byte[] file = encrypt(plain);
        // Flip one bit at a time across the header, the length fields and the sealed bytes of each chunk.
        for (int at = 0; at < file.length; at += 37) {
            byte[] altered = file.clone();
            altered[at] ^= 0x10;
            assertThatThrownBy(() -> reader(altered, DecryptingInputStream.Mode.COMPLETE).readAllBytes())
                    .as("bit flipped at byte %d, complete recording required", at)
                    .isInstanceOf(RecordingFormatException.class);
            // Reading up to the last chunk, an altered length looks like a file cut short: what comes out
            // is still only authentic plaintext, and the recording is reported incomplete.
            try {
                DecryptingInputStream in = reader(altered, DecryptingInputStream.Mode.UP_TO_LAST_CHUNK);
                byte[] read = in.readAllBytes();
                assertThat(in.complete()).as("bit flipped at byte %d", at).isFalse();
                assertThat(read).as("bit flipped at byte %d", at).isEqualTo(Arrays.copyOf(plain, read.length));
            } catch (RecordingFormatException expected) {
                // detected outright
            }
        }
    }

    @Test
    void swappedChunksAreDetected() throws IOException {
        byte[] file = encrypt(bytes(3 * CHUNK, 5));
        int header = headerLength(file);
        int sealedChunk = 4 + CHUNK + 16;
        byte[] swapped = file.clone();
        System.arraycopy(file, header, swapped, header + sealedChunk, sealedChunk);
        System.arraycopy(file, header + sealedChunk, swapped, header, sealedChunk);

        assertThatThrownBy(() -> reader(swapped, DecryptingInputStream.Mode.UP_TO_LAST_CHUNK).readAllBytes())
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("chunk 0 failed authentication");
    }

    @Test
    void fileCutInsideAChunkIsReadableUpToTheLastCompleteChunk() throws IOException {
        byte[] plain = bytes(5 * CHUNK + 300, 6);
        byte[] file = encrypt(plain);
        int header = headerLength(file);
        int sealedChunk = 4 + CHUNK + 16;
        // A crash in the middle of writing chunk 3: chunks 0-2 are whole.
        byte[] cut = Arrays.copyOf(file, header + 3 * sealedChunk + 500);

        DecryptingInputStream in = reader(cut, DecryptingInputStream.Mode.UP_TO_LAST_CHUNK);
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOf(plain, 3 * CHUNK));
        assertThat(in.complete()).isFalse();
        assertThatThrownBy(() -> reader(cut, DecryptingInputStream.Mode.COMPLETE).readAllBytes())
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("cut short inside chunk 3");
    }

    @Test
    void fileCutExactlyAtAChunkBoundaryIsNoticed() throws IOException {
        byte[] plain = bytes(4 * CHUNK, 7);
        byte[] file = encrypt(plain);
        int sealedChunk = 4 + CHUNK + 16;
        byte[] cut = Arrays.copyOf(file, headerLength(file) + 2 * sealedChunk);

        DecryptingInputStream in = reader(cut, DecryptingInputStream.Mode.UP_TO_LAST_CHUNK);
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOf(plain, 2 * CHUNK));
        assertThat(in.complete()).isFalse();
        assertThatThrownBy(() -> reader(cut, DecryptingInputStream.Mode.COMPLETE).readAllBytes())
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("cut short after chunk 1");
    }

    @Test
    void dataAppendedAfterTheLastChunkIsDetected() throws IOException {
        byte[] file = encrypt(bytes(1500, 8));
        byte[] longer = Arrays.copyOf(file, file.length + 1);

        assertThatThrownBy(() -> reader(longer, DecryptingInputStream.Mode.UP_TO_LAST_CHUNK).readAllBytes())
                .isInstanceOf(RecordingFormatException.class);
    }

    @Test
    void wrongMasterKeyFailsAtOnceNamingBothKeyIds() throws IOException {
        byte[] file = encrypt(bytes(1500, 9));
        MasterKey other = MasterKey.random(new SecureRandom());

        assertThatThrownBy(() -> new DecryptingInputStream(new ByteArrayInputStream(file), other,
                DecryptingInputStream.Mode.COMPLETE))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessage("wrong master key: the recording was encrypted with key id " + master.id()
                        + ", the configured master key has id " + other.id());
    }

    @Test
    void plainWavIsRejectedAsNotARecording() {
        byte[] wav = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> reader(wav, DecryptingInputStream.Mode.COMPLETE))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith("not an encrypted Candor recording: the file starts with \"RIFF\\x00");
    }

    @Test
    void keyIdIsStableAndRevealsNothingObvious() {
        assertThat(MasterKey.of(bytes(32, 1)).id()).isEqualTo(master.id()).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(MasterKey.of(bytes(32, 2)).id()).isNotEqualTo(master.id());
        assertThat(master.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(bytes(32, 1)));
    }

    private byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (EncryptingOutputStream out = new EncryptingOutputStream(file, master, new SecureRandom(), CHUNK)) {
            // Write in uneven pieces, as the WAV writer does.
            for (int i = 0; i < plain.length; i += 333) {
                out.write(plain, i, Math.min(333, plain.length - i));
            }
        }
        return file.toByteArray();
    }

    private DecryptingInputStream reader(byte[] file, DecryptingInputStream.Mode mode) throws IOException {
        return new DecryptingInputStream(new ByteArrayInputStream(file), master, mode);
    }

    private static int headerLength(byte[] file) {
        return 8 + 1 + file[8] + 12 + 48 + 7;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
