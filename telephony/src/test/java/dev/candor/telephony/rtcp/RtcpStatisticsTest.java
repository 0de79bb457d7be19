package dev.candor.telephony.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.rtp.RtpPacket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 3550 §A.1 (sequence validation), §A.3 (expected, lost, fraction), §A.8 (jitter), §6.4.1
 * (LSR, DLSR, round trip), on a virtual clock. Expected values are worked out by hand in comments.
 */
class RtcpStatisticsTest {

    private static final long LOCAL = 0xC0FFEEL;
    private static final long REMOTE = 0xBEEFL;
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final FakeClock clock = new FakeClock(START);
    private final RtcpStatistics stats = new RtcpStatistics(LOCAL, 8000, clock);

    @Test
    void reportsLossAndJitterOfAScriptedArrival() {
        // Packet n has timestamp 160n and is due at 20n ms; 3 and 7 never arrive.
        receiveAt(0, 0);      // on probation (§A.1, MIN_SEQUENTIAL = 2): not counted
        receiveAt(1, 20);     // ends probation: base 1, counted; transit 160 - 160 = 0
        receiveAt(2, 45);     // transit 360 - 320 = 40,   |D| = 40: J16 = 0 + 40 - 0 = 40
        receiveAt(4, 80);     // transit 640 - 640 = 0,    |D| = 40: J16 = 40 + 40 - (48 >> 4 = 3) = 77
        receiveAt(5, 100);    // transit 0,                |D| = 0:  J16 = 77 - (85 >> 4 = 5) = 72
        receiveAt(6, 118);    // transit 944 - 960 = -16,  |D| = 16: J16 = 72 + 16 - (80 >> 4 = 5) = 83
        receiveAt(8, 160);    // transit 0,                |D| = 16: J16 = 83 + 16 - (91 >> 4 = 5) = 94
        receiveAt(9, 185);    // transit 1480 - 1440 = 40, |D| = 40: J16 = 94 + 40 - (102 >> 4 = 6) = 128

        ReportBlock first = blockIn(stats.report("candor@test"));

        // expected = 9 - 1 + 1 = 9, received = 7 (1, 2, 4, 5, 6, 8, 9): lost 2, fraction 2 × 256 / 9 = 56
        assertThat(first).isEqualTo(new ReportBlock(REMOTE, 56, 2, 9, 128 >> 4, 0, 0));

        for (int seq = 10; seq < 20; seq++) {
            receiveAt(seq, 20L * seq); // seq 10: transit 0, |D| = 40: J16 = 128 + 40 - 8 = 160; then |D| = 0
        }                              // J16: 150, 141, 132, 124, 116, 109, 102, 96, 90 → jitter 90 >> 4 = 5
        ReportBlock second = blockIn(stats.report("candor@test"));

        // this interval: expected 10, received 10: fraction 0; still 2 lost in all
        assertThat(second).isEqualTo(new ReportBlock(REMOTE, 0, 2, 19, 5, 0, 0));
    }

    @Test
    void countsTheCycleWhenTheSequenceNumberWraps() {
        receiveAt(65534, 0);
        receiveAt(65535, 20);
        receiveAt(0, 40);
        receiveAt(1, 60);

        ReportBlock block = blockIn(stats.report("c"));

        // base 65535; extended highest = 1 cycle × 65536 + 1; expected 65537 - 65535 + 1 = 3 = received
        assertThat(block.extendedHighestSequence()).isEqualTo(65_537);
        assertThat(block.cumulativeLost()).isZero();
        assertThat(block.fractionLost()).isZero();
    }

    @Test
    void duplicatesMakeTheCumulativeLossNegativeAndTheFractionZero() {
        receiveAt(0, 0);
        receiveAt(1, 20);
        receiveAt(1, 21);
        receiveAt(1, 22);
        receiveAt(2, 40);

        ReportBlock block = blockIn(stats.report("c"));

        // expected 2 - 1 + 1 = 2, received 4 (1, 1, 1, 2): lost -2; lost in the interval < 0 → fraction 0
        assertThat(block.cumulativeLost()).isEqualTo(-2);
        assertThat(block.fractionLost()).isZero();
    }

    @Test
    void aLoneJumpIsIgnoredAndAConfirmedOneRestartsTheCounts() {
        for (int seq = 0; seq <= 10; seq++) {
            receiveAt(seq, 20L * seq);
        }
        receiveAt(30_000, 220);     // far jump: ignored, 30001 would confirm it
        receiveAt(11, 240);
        assertThat(blockIn(stats.report("c")).extendedHighestSequence()).isEqualTo(11);

        receiveAt(40_000, 260);
        receiveAt(40_001, 280);     // follows the jump: the source restarted, counting from 40001

        ReportBlock block = blockIn(stats.report("c"));
        assertThat(block.extendedHighestSequence()).isEqualTo(40_001);
        assertThat(block.cumulativeLost()).isZero();
    }

    @Test
    void noReportBlockUntilTheSourceHasPassedProbation() {
        receiveAt(5, 0);

        assertThat(stats.report("c").get(0)).isEqualTo(new ReceiverReport(LOCAL, List.of()));
    }

    @Test
    void aNewSsrcStartsNewReceptionStatistics() {
        receiveAt(0, 0);
        receiveAt(1, 20);
        receive(RtpPacket.of(0, false, 500, 0, 0x7777L, new byte[160]), 40);
        receive(RtpPacket.of(0, false, 501, 160, 0x7777L, new byte[160]), 60);

        ReportBlock block = blockIn(stats.report("c"));

        assertThat(block.ssrc()).isEqualTo(0x7777L);
        assertThat(block.extendedHighestSequence()).isEqualTo(501);
    }

    @Test
    void sendsASenderReportWithCountsAndTheRtpTimestampOfNow() {
        send(1000, 0);
        send(1160, 20);
        send(1320, 40);
        clock.set(START.plusMillis(140));

        List<RtcpPacket> report = stats.report("candor@test");

        // 100 ms after the last packet: 1320 + 100 ms × 8 units/ms = 2120
        assertThat(report).containsExactly(
                new SenderReport(LOCAL, NtpTime.fromInstant(START.plusMillis(140)), 2120, 3, 480, List.of()),
                SourceDescription.cname(LOCAL, "candor@test"));
    }

    @Test
    void keepsSendingSenderReportsUntilTwoIntervalsPassWithoutSending() {
        send(0, 0);

        assertThat(stats.report("c").get(0)).isInstanceOf(SenderReport.class);
        assertThat(stats.report("c").get(0)).as("sent during the interval before").isInstanceOf(SenderReport.class);
        assertThat(stats.report("c").get(0)).isInstanceOf(ReceiverReport.class);
        send(160, 20);
        assertThat(stats.report("c").get(0)).isInstanceOf(SenderReport.class);
    }

    @Test
    void fillsLsrAndDlsrFromTheLastSenderReportOfTheSource() {
        receiveAt(0, 0);
        receiveAt(1, 20);
        long ntp = NtpTime.fromInstant(START.plusMillis(100));
        clock.set(START.plusMillis(500));
        stats.onRtcpReceived(List.of(new SenderReport(REMOTE, ntp, 800, 2, 320, List.of())));
        clock.set(START.plusMillis(2000));

        ReportBlock block = blockIn(stats.report("c"));

        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.compact(ntp));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(98_304); // 1.5 s × 65536
    }

    @Test
    void remembersThePeersReportAboutUsAndComputesTheRoundTrip() {
        send(0, 0);
        SenderReport ours = (SenderReport) stats.report("c").get(0);   // sent at START
        clock.set(START.plusMillis(350));
        ReportBlock aboutUs = new ReportBlock(LOCAL, 13, 4, 1234, 40, NtpTime.compact(ours.ntpTimestamp()),
                16_384);                                                // the peer held it 250 ms

        stats.onRtcpReceived(List.of(new ReceiverReport(REMOTE, List.of(aboutUs))));

        assertThat(stats.remoteReport()).contains(aboutUs);
        // 350 ms - 250 ms, to the 1/65536 s resolution of the compact NTP format
        assertThat(stats.roundTrip().orElseThrow()).isBetween(Duration.ofMillis(99), Duration.ofMillis(101));
    }

    @Test
    void aGoodbyeEndsTheLastReport() {
        List<RtcpPacket> packets = stats.goodbye("c", "hung up");

        assertThat(packets).hasSize(3);
        assertThat(packets.get(2)).isEqualTo(new Goodbye(List.of(LOCAL), "hung up"));
        assertThat(RtcpPacketTest.decodeOk(RtcpPacket.encodeCompound(packets))).isEqualTo(packets);
    }

    @Test
    void convertsBetweenInstantsAndNtpTimestamps() {
        assertThat(NtpTime.fromInstant(Instant.EPOCH)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.fromInstant(Instant.EPOCH.plusMillis(500)) & 0xFFFF_FFFFL).isEqualTo(0x8000_0000L);
        assertThat(NtpTime.compact(0x1122_3344_5566_7788L)).isEqualTo(0x3344_5566L);
        Instant now = Instant.parse("2026-11-23T10:00:00.123456789Z");
        assertThat(Duration.between(NtpTime.toInstant(NtpTime.fromInstant(now)), now).abs())
                .isLessThan(Duration.ofNanos(2));
    }

    private void receiveAt(int seq, long atMillis) {
        receive(RtpPacket.of(0, false, seq, 160L * seq, REMOTE, new byte[160]), atMillis);
    }

    private void receive(RtpPacket packet, long atMillis) {
        clock.set(START.plusMillis(atMillis));
        stats.onRtpReceived(packet);
    }

    private void send(long timestamp, long atMillis) {
        clock.set(START.plusMillis(atMillis));
        stats.onRtpSent(RtpPacket.of(0, false, 0, timestamp, LOCAL, new byte[160]));
    }

    private static ReportBlock blockIn(List<RtcpPacket> report) {
        RtcpPacket first = report.get(0);
        List<ReportBlock> blocks = first instanceof SenderReport sr ? sr.reports() : ((ReceiverReport) first).reports();
        assertThat(blocks).hasSize(1);
        return blocks.get(0);
    }

    /** A clock the test moves by hand. */
    private static final class FakeClock implements InstantSource {
        private Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
