package dev.candor.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    /** A WAV file: RIFF header, then the given chunks as (id, body) pairs. */
    private static byte[] wav(Object... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.length; i += 2) {
            byte[] content = (byte[]) chunks[i + 1];
            body.writeBytes(((String) chunks[i]).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(le32(content.length));
            body.writeBytes(content);
            if (content.length % 2 == 1) {
                body.write(0); // RIFF pads odd chunks
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(4 + body.size()));
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** A "fmt " body: format tag, channels, rate, byte rate, block align, bits. */
    private static byte[] fmt(int formatTag, int channels, int rateHz, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bits / 8;
        b.putShort((short) formatTag).putShort((short) channels).putInt(rateHz)
                .putInt(rateHz * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        return b.array();
    }

    private static byte[] samples(short... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            b.putShort(v);
        }
        return b.array();
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @Test
    void readsMonoSixteenBitSamplesLittleEndian() throws Exception {
        PcmAudio audio = WavReader.parse(wav("fmt ", fmt(1, 1, 8000, 16), "data",
                samples((short) 1, (short) -2, Short.MAX_VALUE, Short.MIN_VALUE)));

        assertThat(audio.sampleRateHz()).isEqualTo(8000);
        assertThat(audio.samples()).containsExactly(1, -2, Short.MAX_VALUE, Short.MIN_VALUE);
    }

    @Test
    void skipsOtherChunksIncludingOddSizedOnes() throws Exception {
        PcmAudio audio = WavReader.parse(wav("LIST", new byte[3], "fmt ", fmt(1, 1, 16_000, 16),
                "fact", new byte[4], "data", samples((short) 7)));

        assertThat(audio.sampleRateHz()).isEqualTo(16_000);
        assertThat(audio.samples()).containsExactly(7);
    }

    @Test
    void readsEveryCommittedFixtureAsEightKilohertzMono() {
        for (AudioFixtures.Fixture fixture : AudioFixtures.all()) {
            PcmAudio audio = fixture.audio();
            assertThat(audio.sampleRateHz()).as(fixture.file()).isEqualTo(8000);
            assertThat(audio.durationMillis()).as(fixture.file()).isBetween(900L, 4000L);
        }
    }

    @Test
    void readsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.wav");
        Files.write(file, wav("fmt ", fmt(1, 1, 8000, 16), "data", samples((short) 5)));

        assertThat(WavReader.read(file).samples()).containsExactly(5);
    }

    @Test
    void aFileErrorNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stereo.wav");
        Files.write(file, wav("fmt ", fmt(1, 2, 8000, 16), "data", new byte[4]));

        assertThatThrownBy(() -> WavReader.read(file))
                .isInstanceOf(InvalidWavException.class)
                .hasMessage(file + ": unsupported channels: 2 (expected 1, mono)");
    }

    @Test
    void headerErrorsNameTheFieldTheValueAndWhatWasExpected() {
        assertInvalid(new byte[8], "too short for a RIFF header: 8 bytes (expected at least 12)");
        byte[] rifx = wav("fmt ", fmt(1, 1, 8000, 16));
        rifx[3] = 'X';
        assertInvalid(rifx, "bad RIFF chunk id: \"RIFX\" (expected \"RIFF\")");
        assertInvalid(wav("fmt ", fmt(3, 1, 8000, 32), "data", new byte[4]),
                "unsupported format tag: 3 (expected 1, linear PCM)");
        assertInvalid(wav("fmt ", fmt(1, 1, 8000, 8), "data", new byte[4]),
                "unsupported bits per sample: 8 (expected 16)");
        assertInvalid(wav("fmt ", fmt(1, 1, 0, 16), "data", new byte[4]),
                "unsupported sample rate: 0 (expected 1-384000 Hz)");
        assertInvalid(wav("fmt ", new byte[12], "data", new byte[4]),
                "\"fmt \" chunk too short: 12 bytes (expected at least 16)");
        assertInvalid(wav("data", new byte[4], "fmt ", fmt(1, 1, 8000, 16)),
                "\"data\" chunk at byte 12 before any \"fmt \" chunk");
        assertInvalid(wav("fmt ", fmt(1, 1, 8000, 16)), "no \"data\" chunk (expected one after \"fmt \")");
        assertInvalid(wav("LIST", new byte[2]), "no \"fmt \" chunk (expected one after the RIFF header)");
        assertInvalid(wav("fmt ", fmt(1, 1, 8000, 16), "data", new byte[3]),
                "\"data\" chunk has 3 bytes (expected a whole number of 2-byte samples)");
    }

    @Test
    void aTruncatedDataChunkSaysHowMuchIsMissing() {
        byte[] whole = wav("fmt ", fmt(1, 1, 8000, 16), "data", new byte[100]);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 40);

        assertInvalid(truncated, "\"data\" chunk claims 100 bytes but only 60 remain (truncated file?)");
    }

    private static void assertInvalid(byte[] wav, String message) {
        assertThatThrownBy(() -> WavReader.parse(wav))
                .isInstanceOf(InvalidWavException.class)
                .hasMessage(message);
    }
}
