package dev.candor.telephony.rtp.session;

import dev.candor.telephony.rtcp.RtcpDecodeResult;
import dev.candor.telephony.rtcp.RtcpPacket;
import dev.candor.telephony.rtcp.SenderReport;
import dev.candor.telephony.rtp.RtpSequencer;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.Direction;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sip.ua.MediaChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an {@link RtpSession} sends its RTCP reports, in virtual time: the session is ticked every 20 ms of
 * a fake monotonic clock, as the media clock would, and the times of the reports it hands to the transport
 * are checked against RFC 3550 §6.2/§6.3.1 for the configured interval Td: the first after Td/2 × [0.5, 1.5),
 * the rest Td × [0.5, 1.5) apart, both divided by e − 3/2, rounded up to the next tick.
 */
class RtcpScheduleTest {
    private static final double COMPENSATION = Math.E - 1.5;
    private static final long TICK_MILLIS = 20;

    @ParameterizedTest(name = "Td = {0} s")
    @ValueSource(ints = {1, 5, 20})
    void reportsFollowTheConfiguredIntervalRandomisedBetweenHalfAndOneAndAHalfTimesIt(int seconds) {
        long td = seconds * 1000L;
        long[] now = {1_000_000};
        List<Long> sentAt = new ArrayList<>();
        List<byte[]> reports = new ArrayList<>();
        RtpSession session = new RtpSession(
                new MediaParameters(AudioCodec.PCMU, 0, 101, "127.0.0.1", 40_000, Direction.SENDRECV),
                () -> null, new MediaChannel.MediaEvents() {
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
                    }

                    @Override
                    public void sendRtcp(byte[] datagram, InetSocketAddress to) {
                        assertThat(to.getPort()).as("RTCP goes to the RTP port + 1").isEqualTo(40_001);
                        sentAt.add(now[0]);
                        reports.add(datagram);
                    }
                },
                new RtpSequencer(0x1234_5678L, 1, 0),
                new RtcpInterval(Duration.ofSeconds(seconds), new SplittableRandom(seconds)),
                "candor-test", () -> now[0], InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        long start = now[0];

        for (int tick = 0; tick < 60 * td / TICK_MILLIS; tick++) {       // 60 intervals of media time
            now[0] += TICK_MILLIS;
            session.onTick();
        }

        assertThat(sentAt.size()).as("reports in 60 intervals (mean spacing Td / (e − 1.5))")
                .isBetween((int) (60 * COMPENSATION * 0.8), (int) (60 * COMPENSATION * 1.25) + 1);
        assertThat(sentAt.get(0) - start).as("first report, ms after the start")
                .isBetween(ticksAtLeast(td / 2.0 * 0.5 / COMPENSATION), ticksAtLeast(td / 2.0 * 1.5 / COMPENSATION));
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 1; i < sentAt.size(); i++) {
            long gap = sentAt.get(i) - sentAt.get(i - 1);
            assertThat(gap).as("gap before report " + i)
                    .isBetween(ticksAtLeast(td * 0.5 / COMPENSATION), ticksAtLeast(td * 1.5 / COMPENSATION));
            shortest = Math.min(shortest, gap);
            longest = Math.max(longest, gap);
        }
        // Randomised, not fixed: the gaps spread over much of the allowed range.
        assertThat(longest - shortest).as("spread of the gaps").isGreaterThan((long) (td * 0.5 / COMPENSATION));
        // Candor sends RTP, so each report is a compound packet starting with a sender report (§6.4.1).
        assertThat(RtcpPacket.decodeCompound(reports.get(0), 0, reports.get(0).length))
                .isInstanceOfSatisfying(RtcpDecodeResult.Ok.class,
                        ok -> assertThat(ok.packets().get(0)).isInstanceOf(SenderReport.class));
    }

    /** The tick at or after {@code millis}, bounded by one tick of lateness (the check runs once per tick). */
    private static long ticksAtLeast(double millis) {
        return (long) Math.ceil(Math.round(millis) / (double) TICK_MILLIS) * TICK_MILLIS;
    }
}
