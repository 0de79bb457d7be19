package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.candor.telephony.rtp.TelephoneEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4733 §2.5.1: updates every 20 ms, then the end packet three times. */
class DtmfSenderTest {

    @Test
    void a100MillisecondPressIsFourUpdatesAndThreeEndPackets() {
        List<DtmfSender.Packet> train = DtmfSender.packetsFor('5', 100);

        assertThat(train).extracting(p -> p.event().duration()).containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(train).extracting(p -> p.event().end())
                .containsExactly(false, false, false, false, true, true, true);
        assertThat(train).extracting(DtmfSender.Packet::marker)
                .containsExactly(true, false, false, false, false, false, false);
        assertThat(train).allSatisfy(p -> {
            assertThat(p.event().event()).isEqualTo(5);
            assertThat(p.event().volume()).isEqualTo(10);
        });
    }

    @Test
    void aPressThatIsNotAMultipleOf20MillisecondsEndsWithItsExactDuration() {
        List<DtmfSender.Packet> train = DtmfSender.packetsFor('#', 50);

        assertThat(train).extracting(p -> p.event().duration()).containsExactly(160, 320, 400, 400, 400);
        assertThat(train.get(0).event()).isEqualTo(new TelephoneEvent(11, false, 10, 160));
    }

    @Test
    void theShortestPressIsOnlyEndPacketsAndTheFirstCarriesTheMarker() {
        List<DtmfSender.Packet> train = DtmfSender.packetsFor('A', 20);

        assertThat(train).containsExactly(
                new DtmfSender.Packet(new TelephoneEvent(12, true, 10, 160), true),
                new DtmfSender.Packet(new TelephoneEvent(12, true, 10, 160), false),
                new DtmfSender.Packet(new TelephoneEvent(12, true, 10, 160), false));
    }

    @Test
    void aTrainIsReceivedAsExactlyOneDigit() {
        DtmfReceiver receiver = new DtmfReceiver();

        long reported = DtmfSender.packetsFor('8', 240).stream()
                .filter(p -> receiver.onPacket(42_000, p.event()).isPresent())
                .count();

        assertThat(reported).isEqualTo(1);
    }

    @Test
    void rejectsUnknownKeysAndDurationsOutsideTheField() {
        assertThatThrownBy(() -> DtmfSender.packetsFor('x', 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> DtmfSender.packetsFor('1', 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 ms");
        assertThatThrownBy(() -> DtmfSender.packetsFor('1', 8192))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8192 ms");
        assertThat(DtmfSender.packetsFor('1', 8191).get(DtmfSender.packetsFor('1', 8191).size() - 1)
                .event().duration()).isEqualTo(65528);
    }
}
