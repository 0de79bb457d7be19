package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.rtp.TelephoneEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 4733 §2.5.1: one event per (timestamp, event code), however many packets carry it. */
class DtmfReceiverTest {

    private final DtmfReceiver receiver = new DtmfReceiver();
    private final List<Character> digits = new ArrayList<>();

    private void feed(long timestamp, char key, boolean end, int duration) {
        receiver.onPacket(timestamp, new TelephoneEvent(TelephoneEvent.eventFor(key), end, 10, duration))
                .ifPresent(digits::add);
    }

    private void press(long timestamp, char key, int updates) {
        for (int i = 1; i <= updates; i++) {
            feed(timestamp, key, false, 160 * i);
        }
        for (int i = 0; i < 3; i++) {
            feed(timestamp, key, true, 160 * (updates + 1));
        }
    }

    @Test
    void reportsTheDigitOnTheFirstPacket() {
        Optional<Character> digit = receiver.onPacket(1000, new TelephoneEvent(5, false, 10, 160));

        assertThat(digit).contains('5');
    }

    @Test
    void aWholePressWithThreeEndPacketsIsOneDigit() {
        press(1000, '7', 4);

        assertThat(digits).containsExactly('7');
    }

    @Test
    void duplicatedPacketsAreIgnored() {
        feed(1000, '1', false, 160);
        feed(1000, '1', false, 160);
        feed(1000, '1', false, 320);
        feed(1000, '1', false, 320);

        assertThat(digits).containsExactly('1');
    }

    @Test
    void aLongPressIsOneDigit() {
        press(5000, '#', 200); // four seconds

        assertThat(digits).containsExactly('#');
    }

    @Test
    void twoPressesOfTheSameKeyAreTwoDigitsBecauseTheirTimestampsDiffer() {
        press(1000, '3', 4);
        press(2600, '3', 4);

        assertThat(digits).containsExactly('3', '3');
    }

    @Test
    void aNewEventCodeAtTheSameTimestampIsANewDigit() {
        feed(1000, '1', false, 160);
        feed(1000, '2', false, 160);

        assertThat(digits).containsExactly('1', '2');
    }

    @Test
    void anEventSeenOnlyByItsEndPacketsIsStillReportedOnce() {
        feed(1000, '9', true, 800);
        feed(1000, '9', true, 800);
        feed(1000, '9', true, 800);

        assertThat(digits).containsExactly('9');
    }

    @Test
    void aLateEndPacketOfTheEarlierEventIsNotASecondDigit() {
        press(1000, '4', 2);
        feed(2600, '5', false, 160);
        feed(1000, '4', true, 480); // delayed retransmission

        assertThat(digits).containsExactly('4', '5');
    }

    @Test
    void followsTimestampsAcrossTheWrapAt2To32() {
        press(0xFFFF_FF00L, '1', 2);
        press(0x0000_0200L, '2', 2);

        assertThat(digits).containsExactly('1', '2');
    }

    @Test
    void aLargeJumpBackIsANewTimestampBaseNotALatePacket() {
        press(3_000_000, '1', 2);
        press(1_000, '2', 2); // e.g. the peer restarted its stream after a re-INVITE

        assertThat(digits).containsExactly('1', '2');
    }

    @Test
    void nonDtmfEventsAreNotDigits() {
        Optional<Character> flash = receiver.onPacket(1000, new TelephoneEvent(16, false, 10, 160));

        assertThat(flash).isEmpty();
    }
}
