package dev.candor.telephony.rtp.session;

import dev.candor.telephony.media.G711;
import dev.candor.telephony.rtp.RtpDecodeResult;
import dev.candor.telephony.rtp.RtpPacket;
import dev.candor.telephony.rtp.RtpSequencer;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.Direction;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sip.ua.MediaChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packets a session sends, one per tick, built in one reused array (the transport copies what it
 * keeps): each must be a complete RTP packet of its own tick (RFC 3550 §5.1) whatever came before it.
 */
class RtpSessionSendTest {

    @Test
    void everyTickSendsItsOwnCompletePacketFromTheReusedArray() {
        List<byte[]> sent = new ArrayList<>();
        List<byte[]> arrays = new ArrayList<>();
        short[][] frames = {tone(1000), null, tone(3000), tone(-2000)};   // voice, silence, voice, voice
        int[] next = {0};
        long[] now = {0};
        RtpSession session = new RtpSession(
                new MediaParameters(AudioCodec.PCMA, 8, 101, "127.0.0.1", 40_000, Direction.SENDRECV),
                () -> frames[next[0]++], new MediaChannel.MediaEvents() {
                    @Override
                    public void onDtmf(char digit) {
                    }

                    @Override
                    public void onAudio(short[] frame) {
                    }
                },
                new RtpSession.Transport() {
                    @Override
                    public void sendRtp(byte[] datagram, int length, InetSocketAddress to) {
                        sent.add(Arrays.copyOf(datagram, length));
                        arrays.add(datagram);
                    }

                    @Override
                    public void sendRtcp(byte[] datagram, InetSocketAddress to) {
                    }
                },
                new RtpSequencer(0xCAFE_F00DL, 65_534, 4_294_967_200L),
                new RtcpInterval(Duration.ofSeconds(5), new SplittableRandom(1)),
                "candor-test", () -> now[0], InstantSource.fixed(Instant.EPOCH));

        for (int i = 0; i < frames.length; i++) {
            now[0] += 20;
            session.onTick();
        }

        assertThat(arrays).as("one array for every packet").allSatisfy(a -> assertThat(a).isSameAs(arrays.get(0)));
        assertThat(sent).hasSize(4);
        for (int i = 0; i < sent.size(); i++) {
            RtpPacket p = ((RtpDecodeResult.Ok) RtpPacket.decode(sent.get(i), 0, sent.get(i).length)).packet();
            assertThat(p.payloadType()).isEqualTo(8);
            assertThat(p.ssrc()).isEqualTo(0xCAFE_F00DL);
            assertThat(p.sequenceNumber()).as("sequence wraps at 2^16").isEqualTo((65_534 + i) & 0xFFFF);
            assertThat(p.timestamp()).as("timestamp wraps at 2^32").isEqualTo((4_294_967_200L + 160L * i) & 0xFFFF_FFFFL);
            byte[] expected = new byte[160];
            Arrays.fill(expected, G711.Law.A_LAW.silence());
            if (frames[i] != null) {
                expected = G711.Law.A_LAW.encode(frames[i]);
            }
            assertThat(p.payload()).as("payload of tick " + i).isEqualTo(expected);
            // Marker: the first packet, and the first voice after silence (a new talkspurt).
            assertThat(p.marker()).as("marker of tick " + i).isEqualTo(i == 0 || i == 2);
        }
    }

    private static short[] tone(int amplitude) {
        short[] frame = new short[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return frame;
    }
}
