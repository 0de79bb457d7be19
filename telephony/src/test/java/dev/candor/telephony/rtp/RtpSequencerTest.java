package dev.candor.telephony.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtpSequencerTest {

    private static final byte[] FRAME = new byte[160];

    @Test
    void stampsEachPacketThenAdvancesSequenceAndTimestamp() {
        RtpSequencer sequencer = new RtpSequencer(0x1234, 100, 8000);

        RtpPacket first = sequencer.next(0, true, FRAME, 160);
        RtpPacket second = sequencer.next(0, false, FRAME, 160);

        assertThat(first.sequenceNumber()).isEqualTo(100);
        assertThat(first.timestamp()).isEqualTo(8000);
        assertThat(first.ssrc()).isEqualTo(0x1234);
        assertThat(first.marker()).isTrue();
        assertThat(second.sequenceNumber()).isEqualTo(101);
        assertThat(second.timestamp()).isEqualTo(8160);
        assertThat(second.marker()).isFalse();
        assertThat(sequencer.sequenceNumber()).isEqualTo(102);
        assertThat(sequencer.timestamp()).isEqualTo(8320);
    }

    @Test
    void sequenceNumberWrapsAt65536() {
        RtpSequencer sequencer = new RtpSequencer(1, 65535, 0);

        assertThat(sequencer.next(0, false, FRAME, 160).sequenceNumber()).isEqualTo(65535);
        assertThat(sequencer.next(0, false, FRAME, 160).sequenceNumber()).isZero();
    }

    @Test
    void timestampWrapsAt2To32() {
        RtpSequencer sequencer = new RtpSequencer(1, 0, 0xFFFF_FFFFL - 100);

        assertThat(sequencer.next(0, false, FRAME, 160).timestamp()).isEqualTo(0xFFFF_FFFFL - 100);
        assertThat(sequencer.next(0, false, FRAME, 160).timestamp()).isEqualTo(59);
    }

    @Test
    void dtmfTrainSharesOneTimestampAndAudioResumesAtElapsedTime() {
        RtpSequencer sequencer = new RtpSequencer(7, 10, 1000);
        sequencer.next(0, false, FRAME, 160);                       // audio at 1000
        long eventStart = sequencer.timestamp();

        RtpPacket dtmf1 = sequencer.nextKeepingTimestamp(101, true, new byte[4]);
        RtpPacket dtmf2 = sequencer.nextKeepingTimestamp(101, false, new byte[4]);
        RtpPacket dtmf3 = sequencer.nextKeepingTimestamp(101, false, new byte[4]);
        sequencer.advance(3 * 160);                                 // three ticks went by
        RtpPacket audio = sequencer.next(0, false, FRAME, 160);

        assertThat(eventStart).isEqualTo(1160);
        assertThat(dtmf1.timestamp()).isEqualTo(eventStart);
        assertThat(dtmf2.timestamp()).isEqualTo(eventStart);
        assertThat(dtmf3.timestamp()).isEqualTo(eventStart);
        assertThat(dtmf3.sequenceNumber()).isEqualTo(13);
        assertThat(audio.sequenceNumber()).isEqualTo(14);
        assertThat(audio.timestamp()).isEqualTo(eventStart + 480);
    }

    @Test
    void randomSequencerIsRepeatableForASeededGenerator() {
        RtpSequencer a = RtpSequencer.random(new SplittableRandom(42));
        RtpSequencer b = RtpSequencer.random(new SplittableRandom(42));
        RtpSequencer c = RtpSequencer.random(new SplittableRandom(43));

        assertThat(a.next(0, false, FRAME, 160)).isEqualTo(b.next(0, false, FRAME, 160));
        assertThat(c.ssrc()).isNotEqualTo(a.ssrc());
        assertThat(a.ssrc()).isBetween(0L, 0xFFFF_FFFFL);
    }

    @Test
    void rejectsNegativeSampleCountsAndOutOfRangeState() {
        RtpSequencer sequencer = new RtpSequencer(1, 0, 0);

        assertThatThrownBy(() -> sequencer.advance(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new RtpSequencer(1, 65536, 0)).hasMessageContaining("65536");
        assertThatThrownBy(() -> new RtpSequencer(1L << 32, 0, 0)).hasMessageContaining("SSRC");
    }
}
