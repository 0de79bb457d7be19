package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.candor.telephony.rtp.RtpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IncomingAudioTest {

    private static final long SSRC = 42;

    private final JitterBuffer buffer = JitterBuffer.forG711();
    private final IncomingAudio audio = new IncomingAudio(buffer);

    @Test
    void decodesPcmuAndPcmaByPayloadType() {
        short[] pcm = constant(1000);
        buffer.put(RtpPacket.of(0, false, 0, 0, SSRC, G711.Law.MU_LAW.encode(pcm)), 0);
        buffer.put(RtpPacket.of(8, false, 1, 160, SSRC, G711.Law.A_LAW.encode(pcm)), 0);

        short[] first = audio.nextFrame(200);
        short[] second = audio.nextFrame(220);

        assertThat(first).isEqualTo(G711.Law.MU_LAW.decode(G711.Law.MU_LAW.encode(pcm), 0, 160));
        assertThat(second).isEqualTo(G711.Law.A_LAW.decode(G711.Law.A_LAW.encode(pcm), 0, 160));
        assertThat((int) first[0]).isCloseTo(1000, within(40));
    }

    @Test
    void concealsALostPacketWithTheLastFrameFading() {
        byte[] payload = G711.Law.MU_LAW.encode(constant(1000));
        for (int seq : new int[] {0, 2}) {
            buffer.put(RtpPacket.of(0, false, seq, 160L * seq, SSRC, payload), 0);
        }

        short[] good = audio.nextFrame(200);
        short[] concealed = audio.nextFrame(220);

        assertThat(concealed[0]).isEqualTo((short) Math.round(good[0] * (1 - 1.0 / 640)));
        assertThat(concealed[159]).isEqualTo((short) Math.round(good[0] * 0.75));
    }

    @Test
    void playsSilenceBeforeAnyPacketAndForTelephoneEvents() {
        assertThat(audio.nextFrame(0)).containsOnly(0);

        buffer.put(RtpPacket.of(101, true, 0, 0, SSRC, new byte[] {5, 10, 0, (byte) 160}), 0);

        assertThat(audio.nextFrame(200)).hasSize(160).containsOnly(0);
    }

    private static short[] constant(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }
}
