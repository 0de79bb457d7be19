package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Drives the buffer with scripted arrivals and polls on a virtual 20 ms clock: polls happen at
 * 10, 30, 50... ms and every packet that has arrived by then is put first. Packet {@code n} of a
 * stream is sent at {@code 20n} ms with timestamp {@code 160n}.
 */
class JitterBufferTest {

    private static final long SSRC = 0x1234_5678L;

    private record Arrival(RtpPacket packet, long atMillis) {
    }

    @Test
    void pollsEmptyBeforeAnyPacket() {
        JitterBuffer buffer = JitterBuffer.forG711();

        assertThat(buffer.poll(0)).isInstanceOf(JitterBuffer.Frame.Empty.class);
        assertThat(buffer.statistics().received()).isZero();
    }

    @Test
    void deliversInSequenceOrderWhatArrivedOutOfOrder() {
        JitterBuffer buffer = JitterBuffer.forG711();
        buffer.put(packet(3), 0);
        buffer.put(packet(1), 1);
        buffer.put(packet(2), 2);
        buffer.put(packet(0), 3);

        assertThat(pollTicks(buffer, 200, 5)).containsExactly("0", "1", "2", "3", "-");
        assertThat(buffer.statistics().lost()).isZero();
        assertThat(buffer.statistics().played()).isEqualTo(4);
    }

    @Test
    void steadyPacketsPlayOneTickAfterArrivalWithOneFrameOfDelay() {
        JitterBuffer buffer = JitterBuffer.forG711();

        List<String> out = play(buffer, steady(0, 5, 0), 5);

        assertThat(out).containsExactly("0", "1", "2", "3", "4");
        assertThat(buffer.statistics().currentDelayMillis()).isEqualTo(20);
        assertThat(buffer.statistics().targetDelayMillis()).isEqualTo(20);
        assertThat(buffer.statistics().jitterMillis()).isZero();
    }

    @Test
    void aMissingPacketIsPlayedAsLostWhenLaterOnesAreBuffered() {
        JitterBuffer buffer = JitterBuffer.forG711();
        for (int seq : new int[] {0, 1, 3, 4}) {
            buffer.put(packet(seq), 0);
        }

        assertThat(pollTicks(buffer, 200, 4)).containsExactly("0", "1", "lost 2", "3");
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.played()).isEqualTo(3);
    }

    @Test
    void slotsLostDuringAnUnderrunAreSkippedNotPlayedLate() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = steady(0, 12, 0);
        arrivals.subList(2, 7).clear();                 // a burst: 2 to 6 never arrive

        // t=50..130: nothing buffered, the buffer waits; t=150: 7 is there, 2–6 are skipped as lost.
        assertThat(play(buffer, arrivals, 12)).containsExactly(
                "0", "1", "-", "-", "-", "-", "-", "7", "8", "9", "10", "11");
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.lost()).isEqualTo(5);
        assertThat(stats.currentDelayMillis()).as("no delay added by the burst").isEqualTo(20);
    }

    @Test
    void aPacketArrivingAfterItsSlotIsCountedLateAndDropped() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = steady(0, 5, 0);
        arrivals.set(2, new Arrival(packet(2), 75)); // due at 40, turns up after slot 2 was skipped at 70

        assertThat(play(buffer, arrivals, 5)).containsExactly("0", "1", "-", "3", "4");
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.late()).isEqualTo(1);
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.duplicates()).isZero();
    }

    @Test
    void duplicatesAreDroppedWhetherBufferedOrAlreadyPlayed() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = new ArrayList<>(List.of(
                new Arrival(packet(0), 0), new Arrival(packet(0), 1),    // duplicate while buffered
                new Arrival(packet(1), 20), new Arrival(packet(1), 21),  // duplicate while buffered
                new Arrival(packet(2), 40),
                new Arrival(packet(0), 45),                              // duplicate of a played packet
                new Arrival(packet(2), 46)));                            // duplicate while buffered

        assertThat(play(buffer, arrivals, 4)).containsExactly("0", "1", "2", "-");
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.duplicates()).isEqualTo(4);
        assertThat(stats.late()).isZero();
        assertThat(stats.received()).isEqualTo(7);
        assertThat(stats.jitterMillis()).as("duplicates stay out of the jitter estimate").isZero();
    }

    @Test
    void ordersAcrossTheSequenceNumberWrapAt65535() {
        JitterBuffer buffer = JitterBuffer.forG711();
        int[] arrivalOrder = {65534, 65533, 0, 65535, 2, 1};
        for (int i = 0; i < arrivalOrder.length; i++) {
            int seq = arrivalOrder[i];
            int index = (seq - 65533) & 0xFFFF;
            buffer.put(packet(SSRC, seq, 1_000L + 160L * index), i);
        }

        assertThat(pollTicks(buffer, 200, 6)).containsExactly("65533", "65534", "65535", "0", "1", "2");
        assertThat(buffer.statistics().lost()).isZero();
    }

    @Test
    void aLongStreamCrossesTheWrapWithoutLossOrRestart() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            arrivals.add(new Arrival(packet(SSRC, (65_400 + i) & 0xFFFF, 160L * i), 20L * i));
        }

        List<String> out = play(buffer, arrivals, 200);

        assertThat(out.get(135)).isEqualTo("65535");
        assertThat(out.get(136)).isEqualTo("0");
        assertThat(out.get(199)).isEqualTo("63");
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.played()).isEqualTo(200);
        assertThat(stats.restarts()).isZero();
    }

    @Test
    void targetDelayGrowsOnJitteryArrivalsAndComesBackDownOnSteadyOnes() {
        JitterBuffer buffer = JitterBuffer.forG711();
        Random random = new Random(3550);
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {         // 10 s, each packet delayed 0–80 ms at random
            arrivals.add(new Arrival(packet(i), 20L * i + random.nextInt(81)));
        }
        for (int i = 500; i < 1000; i++) {      // then 10 s at a constant 30 ms
            arrivals.add(new Arrival(packet(i), 20L * i + 30));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atMillis));
        Cursor cursor = new Cursor(buffer, arrivals);

        cursor.run(250);
        JitterBufferStatistics warmUp = buffer.statistics();
        cursor.run(250);
        JitterBufferStatistics jittery = buffer.statistics();

        // |D| of two independent 0–80 ms delays averages 80/3 ≈ 27 ms: target ≈ 20 + 3 × 27 ms.
        assertThat(jittery.jitterMillis()).isBetween(15.0, 40.0);
        assertThat(jittery.targetDelayMillis()).isBetween(80, 160);
        assertThat(jittery.currentDelayMillis()).isGreaterThanOrEqualTo(60);
        long missedOnceAdapted = (jittery.lost() - warmUp.lost()) + (jittery.late() - warmUp.late());
        assertThat(missedOnceAdapted).as("slots missed in the second 5 s, of 250").isLessThan(13);

        cursor.run(500);
        JitterBufferStatistics steady = buffer.statistics();

        assertThat(steady.jitterMillis()).isLessThan(1.0);
        assertThat(steady.targetDelayMillis()).isEqualTo(20);
        assertThat(steady.currentDelayMillis()).isLessThanOrEqualTo(40);
        assertThat(steady.dropped()).as("frames skipped to shrink the delay").isPositive();
        assertThat(steady.lost()).as("no loss once steady").isEqualTo(jittery.lost());
        assertThat(steady.late()).isEqualTo(jittery.late());
    }

    @Test
    void telephoneEventsKeepTheirPlaceInSequenceAndStayOutOfTheJitterEstimate() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = steady(0, 8, 0);
        for (int seq = 2; seq <= 5; seq++) {   // one key press: four RFC 4733 packets, all stamped 320
            RtpPacket event = RtpPacket.of(101, seq == 2, seq, 320, SSRC, new byte[] {5, 10, 0, (byte) (seq * 40)});
            arrivals.set(seq, new Arrival(event, 20L * seq));
        }

        List<String> out = new ArrayList<>();
        List<Integer> payloadTypes = new ArrayList<>();
        Cursor cursor = new Cursor(buffer, arrivals);
        for (int tick = 0; tick < 8; tick++) {
            JitterBuffer.Frame frame = cursor.step();
            out.add(describe(frame));
            payloadTypes.add(((JitterBuffer.Frame.Audio) frame).packet().payloadType());
        }

        assertThat(out).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        assertThat(payloadTypes).containsExactly(0, 0, 101, 101, 101, 101, 0, 0);
        assertThat(buffer.statistics().lost()).isZero();
        assertThat(buffer.statistics().jitterMillis()).isZero();
    }

    @Test
    void aNewSsrcRestartsTheStream() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = steady(100, 3, 0);
        for (int i = 0; i < 3; i++) {
            arrivals.add(new Arrival(packet(0xCAFEL, 7000 + i, 99_999L + 160L * i), 60 + 20L * i));
        }

        assertThat(play(buffer, arrivals, 6)).containsExactly("100", "101", "102", "7000", "7001", "7002");
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.restarts()).isEqualTo(1);
        assertThat(stats.lost()).isZero();
    }

    @Test
    void aLoneFarOffSequenceNumberIsIgnored() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = steady(0, 5, 0);
        arrivals.add(3, new Arrival(packet(40_000), 50));

        assertThat(play(buffer, arrivals, 5)).containsExactly("0", "1", "2", "3", "4");
        assertThat(buffer.statistics().restarts()).isZero();
        assertThat(buffer.statistics().received()).isEqualTo(6);
    }

    @Test
    void aBigJumpConfirmedByTheNextPacketRestartsTheStream() {
        JitterBuffer buffer = JitterBuffer.forG711();
        List<Arrival> arrivals = steady(0, 3, 0);
        for (int i = 0; i < 3; i++) {
            arrivals.add(new Arrival(packet(20_000 + i), 60 + 20L * i));
        }

        // 20000 alone is on probation and ignored; 20001 follows it and restarts the stream.
        assertThat(play(buffer, arrivals, 6)).containsExactly("0", "1", "2", "-", "20001", "20002");
        assertThat(buffer.statistics().restarts()).isEqualTo(1);
    }

    @Test
    void aBurstBeyondTheCapacityPushesTheOldestOut() {
        JitterBuffer buffer = JitterBuffer.forG711();
        for (int seq = 0; seq < 80; seq++) {
            buffer.put(packet(seq), 0);
        }

        assertThat(pollTicks(buffer, 10, 1)).containsExactly("30");
        assertThat(buffer.statistics().dropped()).isEqualTo(30);
    }

    @Test
    void neverThrowsAndStaysWithinItsBoundsOnRandomInput() {
        JitterBuffer buffer = JitterBuffer.forG711();
        Random random = new Random(4);
        long now = 0;
        for (int i = 0; i < 100_000; i++) {
            now += random.nextInt(15);
            if (random.nextInt(3) > 0) {
                long ssrc = random.nextInt(50) == 0 ? random.nextInt(3) : SSRC;
                int seq = random.nextInt(10) == 0 ? random.nextInt(0x10000) : (i / 2 + random.nextInt(8)) & 0xFFFF;
                buffer.put(packet(ssrc, seq, random.nextLong() & 0xFFFF_FFFFL), now);
            } else {
                assertThat(buffer.poll(now)).isNotNull();
            }
            JitterBufferStatistics stats = buffer.statistics();
            assertThat(stats.currentDelayMillis()).isBetween(0, JitterBuffer.CAPACITY_FRAMES * 20);
            assertThat(stats.targetDelayMillis()).isBetween(20, 200);
        }
    }

    @Test
    void oneProducerAndOneConsumerOnTwoThreadsNeverReorderOrInvent() throws InterruptedException {
        JitterBuffer buffer = JitterBuffer.forG711();
        int count = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            awaitQuietly(start);
            for (int i = 0; i < count; i++) {
                buffer.put(packet(i), 20L * i);        // below 65536: no wrap
            }
        });
        producer.start();
        List<Integer> played = new ArrayList<>();
        start.countDown();
        for (int tick = 0; tick < count + 100; tick++) {
            if (buffer.poll(20L * tick + 10) instanceof JitterBuffer.Frame.Audio audio) {
                played.add(audio.packet().sequenceNumber());
            }
        }
        producer.join();

        assertThat(played).as("strictly increasing: no reordering, no repeats").isSorted().doesNotHaveDuplicates();
        JitterBufferStatistics stats = buffer.statistics();
        assertThat(stats.received()).isEqualTo(count);
        assertThat(stats.played()).isEqualTo(played.size());
        assertThat(stats.played() + stats.dropped()).isLessThanOrEqualTo(count);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Packets {@code first} to {@code first + n - 1}, each arriving {@code delay} ms after it was sent. */
    private static List<Arrival> steady(int first, int n, long delay) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arrivals.add(new Arrival(packet(first + i), 20L * i + delay));
        }
        return arrivals;
    }

    private static List<String> play(JitterBuffer buffer, List<Arrival> arrivals, int ticks) {
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort(Comparator.comparingLong(Arrival::atMillis));
        return new Cursor(buffer, sorted).run(ticks);
    }

    private static List<String> pollTicks(JitterBuffer buffer, long firstMillis, int ticks) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            out.add(describe(buffer.poll(firstMillis + 20L * i)));
        }
        return out;
    }

    /** Walks virtual time: before each poll at 10 + 20k ms, puts every packet that has arrived. */
    private static final class Cursor {
        private final JitterBuffer buffer;
        private final List<Arrival> arrivals;
        private int next;
        private long tick;

        Cursor(JitterBuffer buffer, List<Arrival> sortedArrivals) {
            this.buffer = buffer;
            this.arrivals = sortedArrivals;
        }

        List<String> run(int ticks) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < ticks; i++) {
                out.add(describe(step()));
            }
            return out;
        }

        JitterBuffer.Frame step() {
            long now = 10 + 20 * tick++;
            while (next < arrivals.size() && arrivals.get(next).atMillis() <= now) {
                buffer.put(arrivals.get(next).packet(), arrivals.get(next).atMillis());
                next++;
            }
            return buffer.poll(now);
        }
    }

    private static String describe(JitterBuffer.Frame frame) {
        if (frame instanceof JitterBuffer.Frame.Audio audio) {
            return Integer.toString(audio.packet().sequenceNumber());
        }
        if (frame instanceof JitterBuffer.Frame.Lost lost) {
            return "lost " + lost.sequenceNumber();
        }
        return "-";
    }

    private static RtpPacket packet(int seq) {
        return packet(SSRC, seq, 160L * seq);
    }

    private static RtpPacket packet(long ssrc, int seq, long timestamp) {
        return RtpPacket.of(0, false, seq & 0xFFFF, timestamp & 0xFFFF_FFFFL, ssrc,
                new byte[] {(byte) (seq >> 8), (byte) seq});
    }
}
