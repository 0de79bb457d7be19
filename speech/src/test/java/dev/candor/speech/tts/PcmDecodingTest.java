package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class PcmDecodingTest {

    @Test
    void decodesBigEndianSigned16Bit() {
        byte[] data = {0x12, 0x34, (byte) 0xff, (byte) 0xfe};

        short[] samples = PcmDecoding.toMono16(data, new AudioFormat(16_000f, 16, 1, true, true));

        assertThat(samples).containsExactly((short) 0x1234, (short) -2);
    }

    @Test
    void decodesLittleEndianSigned16Bit() {
        byte[] data = {0x34, 0x12, (byte) 0xfe, (byte) 0xff};

        short[] samples = PcmDecoding.toMono16(data, new AudioFormat(16_000f, 16, 1, true, false));

        assertThat(samples).containsExactly((short) 0x1234, (short) -2);
    }

    @Test
    void averagesStereoChannels() {
        byte[] data = {0x00, 0x64, 0x00, (byte) 0xc8}; // 100 and 200, big-endian

        short[] samples = PcmDecoding.toMono16(data, new AudioFormat(8000f, 16, 2, true, true));

        assertThat(samples).containsExactly((short) 150);
    }

    @Test
    void widensUnsigned8Bit() {
        byte[] data = {(byte) 0x80, (byte) 0xff, 0x00};

        short[] samples = PcmDecoding.toMono16(data, new AudioFormat(8000f, 8, 1, false, false));

        assertThat(samples).containsExactly((short) 0, (short) (127 << 8), (short) (-128 << 8));
    }

    @Test
    void rejectsTwentyFourBitAudioNamingTheFormat() {
        AudioFormat format = new AudioFormat(8000f, 24, 1, true, true);

        assertThatThrownBy(() -> PcmDecoding.toMono16(new byte[3], format))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("24 bit");
    }
}
