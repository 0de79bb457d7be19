package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canonical 44-byte WAV header (RIFF, fmt, data) and its sizes, written and read back. */
class StereoWavWriterTest {

    /** Two sample frames: left 1, -2; right 3, 0x1234. */
    private static final byte[] DATA = bytes(
            0x01, 0x00, 0x03, 0x00,       // frame 0: left 1, right 3 (little-endian)
            0xFE, 0xFF, 0x34, 0x12);      // frame 1: left -2, right 0x1234

    @Test
    void writesTheHeaderWithUnknownSizesToAStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StereoWavWriter writer = StereoWavWriter.to(out)) {
            writer.write(new short[] {1, -2}, new short[] {3, 0x1234});
        }

        assertThat(out.toByteArray()).isEqualTo(concat(header(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), DATA));
    }

    @Test
    void patchesTheSizesIntoTheHeaderOfASeekableChannel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("call.wav");
        try (StereoWavWriter writer = StereoWavWriter.to(Files.newByteChannel(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            writer.write(new short[] {1, -2}, new short[] {3, 0x1234});
            assertThat(writer.sampleFrames()).isEqualTo(2);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(concat(header(
                44, 0, 0, 0,              // RIFF size: 36 + 8 data bytes
                8, 0, 0, 0), DATA));      // data size: 8 bytes
    }

    @Test
    void patchesRelativeToWhereTheChannelStarted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prefixed.bin");
        SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        channel.write(java.nio.ByteBuffer.wrap(new byte[] {9, 9, 9}));
        try (StereoWavWriter writer = StereoWavWriter.to(channel)) {
            writer.write(new short[160], new short[160]);
        }

        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(9, 9, 9);
        try (InputStream in = new ByteArrayInputStream(bytes, 3, bytes.length - 3)) {
            assertThat(WavReader.read(in).length()).isEqualTo(160);
        }
        assertThat(Arrays.copyOfRange(bytes, 3 + 40, 3 + 44))
                .containsExactly(0x80, 0x02, 0x00, 0x00);          // data size 160 × 4 = 640 = 0x280, little-endian
    }

    @Test
    void theReaderReadsAStreamedFileToItsEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short[] left = ramp(480, 1);
        short[] right = ramp(480, -3);
        try (StereoWavWriter writer = StereoWavWriter.to(out)) {
            writer.write(Arrays.copyOfRange(left, 0, 160), Arrays.copyOfRange(right, 0, 160));
            writer.write(Arrays.copyOfRange(left, 160, 480), Arrays.copyOfRange(right, 160, 480));
        }

        WavReader.Audio audio = WavReader.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(audio.sampleRateHz()).isEqualTo(8000);
        assertThat(audio.channels()).hasNumberOfRows(2);
        assertThat(audio.channel(0)).isEqualTo(left);
        assertThat(audio.channel(1)).isEqualTo(right);
    }

    @Test
    void theReaderSkipsOtherChunksAndRejectsWhatIsNotAWav() throws IOException {
        byte[] withList = concat(Arrays.copyOf(header(0xFF, 0xFF, 0xFF, 0xFF, 8, 0, 0, 0), 36),
                bytes('L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0),  // odd-sized chunk, padded
                bytes('d', 'a', 't', 'a', 8, 0, 0, 0), DATA);

        assertThat(WavReader.read(new ByteArrayInputStream(withList)).channel(1)).containsExactly(3, 0x1234);
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream("RIFX0000WAVE".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("found 'RIFX' (expected 'RIFF')");
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(new byte[5])))
                .isInstanceOf(IOException.class).hasMessageContaining("5 bytes");
        assertThatThrownBy(() -> WavReader.read(new ByteArrayInputStream(Arrays.copyOf(header(0, 0, 0, 0, 0, 0, 0, 0), 36))))
                .isInstanceOf(IOException.class).hasMessageContaining("no data chunk");
    }

    @Test
    void refusesChannelsOfDifferentLengthsAndWritesAfterClose() throws IOException {
        StereoWavWriter writer = StereoWavWriter.to(new ByteArrayOutputStream());

        assertThatThrownBy(() -> writer.write(new short[160], new short[159]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("160 and 159");
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.write(new short[1], new short[1])).isInstanceOf(IllegalStateException.class);
    }

    /** The 44-byte header for 2-channel 16-bit PCM at 8 kHz with the given size bytes. */
    private static byte[] header(int r0, int r1, int r2, int r3, int d0, int d1, int d2, int d3) {
        return bytes(
                'R', 'I', 'F', 'F',
                r0, r1, r2, r3,           // RIFF size: 36 + data size, or 0xFFFFFFFF when unknown
                'W', 'A', 'V', 'E',
                'f', 'm', 't', ' ',
                16, 0, 0, 0,              // fmt chunk size 16
                1, 0,                     // format 1: PCM
                2, 0,                     // 2 channels: caller left, Candor right
                0x40, 0x1F, 0, 0,         // 8000 samples per second
                0x00, 0x7D, 0, 0,         // 32000 bytes per second
                4, 0,                     // block align: 4 bytes per sample frame
                16, 0,                    // 16 bits per sample
                'd', 'a', 't', 'a',
                d0, d1, d2, d3);          // data size, or 0xFFFFFFFF when unknown
    }

    private static short[] ramp(int n, int step) {
        short[] samples = new short[n];
        for (int i = 0; i < n; i++) {
            samples[i] = (short) (i * step);
        }
        return samples;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
