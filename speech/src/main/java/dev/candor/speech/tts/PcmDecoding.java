package dev.candor.speech.tts;

import javax.sound.sampled.AudioFormat;

/** Converts raw PCM bytes in a javax.sound {@link AudioFormat} to signed 16-bit mono samples. */
final class PcmDecoding {

    private PcmDecoding() {}

    static short[] toMono16(byte[] data, AudioFormat format) {
        int bits = format.getSampleSizeInBits();
        int channels = format.getChannels();
        boolean signed = format.getEncoding() == AudioFormat.Encoding.PCM_SIGNED;
        boolean unsigned = format.getEncoding() == AudioFormat.Encoding.PCM_UNSIGNED;
        if ((bits != 8 && bits != 16) || channels < 1 || !(signed || unsigned)) {
            throw new IllegalStateException(
                    "unsupported synthesizer audio format: " + format
                            + " (expected 8- or 16-bit linear PCM)");
        }
        int bytesPerSample = bits / 8;
        int frameSize = bytesPerSample * channels;
        short[] samples = new short[data.length / frameSize];
        for (int i = 0; i < samples.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(data, i * frameSize + c * bytesPerSample, bits, signed, format.isBigEndian());
            }
            samples[i] = (short) (sum / channels);
        }
        return samples;
    }

    private static int sample(byte[] data, int at, int bits, boolean signed, boolean bigEndian) {
        if (bits == 8) {
            int value = signed ? data[at] : (data[at] & 0xff) - 128;
            return value << 8;
        }
        int high = bigEndian ? data[at] : data[at + 1];
        int low = bigEndian ? data[at + 1] : data[at];
        int value = (high << 8) | (low & 0xff);
        return signed ? (short) value : (value & 0xffff) - 32768;
    }
}
