package dev.candor.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 4733 §2.3 payload format and §3.2 DTMF event codes. */
class TelephoneEventTest {

    @Test
    void decodesEveryField() {
        byte[] payload = {
                (byte) 0x0B,                // event 11 ('#')
                (byte) 0x8A,                // E=1, R=0, volume 10
                (byte) 0x03, (byte) 0x20,   // duration 800 (100 ms at 8 kHz)
        };

        assertThat(TelephoneEvent.decode(payload, 0, payload.length))
                .contains(new TelephoneEvent(11, true, 10, 800));
    }

    @Test
    void ignoresTheReservedBit() {
        byte[] payload = {
                (byte) 0x05,                // event 5
                (byte) 0x4A,                // E=0, R=1, volume 10
                (byte) 0x00, (byte) 0xA0,   // duration 160
        };

        assertThat(TelephoneEvent.decode(payload, 0, 4)).contains(new TelephoneEvent(5, false, 10, 160));
    }

    @Test
    void readsOnlyTheFirstOfSeveralBlocks() {
        byte[] payload = {
                1, (byte) 0x0A, 0x01, 0x40,     // block 1: event 1, volume 10, duration 320
                2, (byte) 0x8A, 0x02, (byte) 0x80, // block 2: ignored
        };

        assertThat(TelephoneEvent.decode(payload, 0, payload.length))
                .contains(new TelephoneEvent(1, false, 10, 320));
    }

    @Test
    void needsFourBytes() {
        byte[] payload = {1, 10, 0, 0, 0};

        assertThat(TelephoneEvent.decode(payload, 0, 3)).isEmpty();
        assertThat(TelephoneEvent.decode(payload, 2, 3)).isEmpty();
        assertThat(TelephoneEvent.decode(payload, 1, 4)).isPresent();
    }

    @Test
    void roundTripsThroughBytes() {
        for (TelephoneEvent e : new TelephoneEvent[] {
                new TelephoneEvent(0, false, 0, 0),
                new TelephoneEvent(255, true, 63, 65535),
                new TelephoneEvent(12, true, 10, 1234)}) {
            byte[] bytes = e.toBytes();
            assertThat(bytes).hasSize(4);
            assertThat(TelephoneEvent.decode(bytes, 0, bytes.length)).contains(e);
        }
    }

    @Test
    void writesTheEndBitAndVolumeInTheSecondByte() {
        assertThat(new TelephoneEvent(9, true, 10, 0x1234).toBytes())
                .containsExactly(0x09, 0x8A, 0x12, 0x34);
    }

    @Test
    void mapsEveryDtmfKeyToItsEventCodeAndBack() {
        String keys = "0123456789*#ABCD";
        for (int code = 0; code < keys.length(); code++) {
            char key = keys.charAt(code);
            assertThat(TelephoneEvent.eventFor(key)).as("key %s", key).isEqualTo(code);
            assertThat(new TelephoneEvent(code, false, 10, 0).digit()).contains(key);
        }
    }

    @Test
    void eventsAbove15AreNotDigits() {
        assertThat(new TelephoneEvent(16, false, 10, 0).digit()).isEqualTo(Optional.empty());
        assertThat(new TelephoneEvent(255, false, 10, 0).digit()).isEmpty();
    }

    @Test
    void rejectsCharactersThatAreNotDtmfKeys() {
        for (char c : new char[] {'E', 'a', ' ', '+', 'x'}) {
            assertThatThrownBy(() -> TelephoneEvent.eventFor(c))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + c + "'");
        }
    }

    @Test
    void constructorNamesTheBadValue() {
        assertThatThrownBy(() -> new TelephoneEvent(256, false, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid telephone-event event: 256 (expected 0–255)");
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 64, 0)).hasMessageContaining("volume: 64");
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 10, 65536)).hasMessageContaining("duration: 65536");
    }
}
