package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.media.MediaMonitor;
import dev.candor.telephony.media.PlaybackListener;
import dev.candor.telephony.media.Registration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Monitors see what a leg receives and sends, beside its taps, without disturbing them or each other. */
class LegMonitorTest {
    private final UaHarness h = new UaHarness();
    private CallLeg leg;
    private FakeMediaFactory.FakeChannel media;

    @BeforeEach
    void answeredCall() {
        h.receive(invite("monitor-1@192.0.2.10", "z9hG4bK-mon-1", OFFER_PCMU_PCMA));
        leg = h.onlyIncomingLeg();
        leg.answer();
        media = h.media.last();
    }

    @Test
    void monitorSeesReceivedFramesAndWhatIsSentIncludingSilence() {
        Frames frames = new Frames();
        leg.addMonitor(frames);
        short[] prompt = filled(160, 1000);
        leg.playback().play(prompt, new PlaybackListener() { });

        media.source.nextFrame();           // the prompt
        media.source.nextFrame();           // nothing left: silence
        media.events.onAudio(filled(160, -7));

        assertThat(frames.sent).hasSize(2);
        assertThat(frames.sent.get(0)).isEqualTo(prompt);
        assertThat(frames.sent.get(1)).isEqualTo(new short[160]);
        assertThat(frames.received).singleElement().isEqualTo(filled(160, -7));
    }

    @Test
    void sentFramesCarryLiveAudioMixedWithPrompts() {
        Frames frames = new Frames();
        leg.addMonitor(frames);
        leg.playback().play(filled(160, 1000), new PlaybackListener() { });
        leg.sendAudio(filled(160, 200));     // e.g. a barging supervisor

        media.source.nextFrame();

        assertThat(frames.sent.get(0)).isEqualTo(filled(160, 1200));
    }

    @Test
    void severalMonitorsAndTheTapsAllSeeEveryFrame() {
        Frames first = new Frames();
        Frames second = new Frames();
        List<short[]> tapped = new ArrayList<>();
        List<short[]> outgoingTap = new ArrayList<>();
        leg.tapIncoming(tapped::add);
        leg.tapOutgoing(outgoingTap::add);
        leg.addMonitor(first);
        leg.addMonitor(second);

        media.events.onAudio(filled(160, 5));
        media.source.nextFrame();

        assertThat(first.received).hasSize(1);
        assertThat(second.received).hasSize(1);
        assertThat(first.sent).hasSize(1);
        assertThat(second.sent).hasSize(1);
        assertThat(tapped).hasSize(1);
        assertThat(outgoingTap).hasSize(1);
    }

    @Test
    void closingTheRegistrationStopsOnlyThatMonitor() {
        Frames kept = new Frames();
        Frames removed = new Frames();
        leg.addMonitor(kept);
        Registration registration = leg.addMonitor(removed);

        registration.close();
        media.events.onAudio(filled(160, 5));

        assertThat(kept.received).hasSize(1);
        assertThat(removed.received).isEmpty();
    }

    @Test
    void aMonitorThatThrowsIsRemovedAndTheOthersCarryOn() {
        Frames healthy = new Frames();
        leg.addMonitor(new MediaMonitor() {
            @Override
            public void onReceived(short[] frame) {
                throw new IllegalStateException("broken monitor");
            }

            @Override
            public void onSent(short[] frame) {
            }
        });
        leg.addMonitor(healthy);

        media.events.onAudio(filled(160, 5));
        media.events.onAudio(filled(160, 6));

        assertThat(healthy.received).hasSize(2);
    }

    private static short[] filled(int n, int value) {
        short[] frame = new short[n];
        Arrays.fill(frame, (short) value);
        return frame;
    }

    private static final class Frames implements MediaMonitor {
        final List<short[]> received = new ArrayList<>();
        final List<short[]> sent = new ArrayList<>();

        @Override
        public void onReceived(short[] frame) {
            received.add(frame.clone());
        }

        @Override
        public void onSent(short[] frame) {
            sent.add(frame.clone());
        }
    }
}
