package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cap on concurrent calls: new INVITEs beyond it get 503 with Retry-After and no leg. */
class ConcurrentCallCapTest {
    private final UaHarness h = new UaHarness(UaHarness.SETTINGS.withMaxConcurrentCalls(2));

    @Test
    void anInviteBeyondTheCapGets503WithRetryAfterAndNoLeg() {
        h.receive(invite("cap-1@x", "z9hG4bK-cap1", OFFER_PCMU_PCMA));
        h.receive(invite("cap-2@x", "z9hG4bK-cap2", OFFER_PCMU_PCMA));
        h.receive(invite("cap-3@x", "z9hG4bK-cap3", OFFER_PCMU_PCMA));

        assertThat(h.incoming).hasSize(2);
        SipResponse busy = h.transport.lastResponse(503);
        assertThat(busy.callId()).isEqualTo("cap-3@x");
        assertThat(busy.headers().first("Retry-After")).contains("30");
        assertThat(busy.to().tag()).isPresent();
        assertThat(h.ua.activeLegs()).isEqualTo(2);
        assertThat(h.ua.counters().callsOverCapacity()).isEqualTo(1);
    }

    @Test
    void the503IsStatelessSoAFloodThatNeverAcksGetsOneResponsePerInviteNotARetransmissionTrain() {
        h.receive(invite("cap-1@x", "z9hG4bK-cap1", OFFER_PCMU_PCMA));
        h.receive(invite("cap-2@x", "z9hG4bK-cap2", OFFER_PCMU_PCMA));
        h.receive(invite("cap-3@x", "z9hG4bK-cap3", OFFER_PCMU_PCMA));

        h.scheduler.advance(Duration.ofSeconds(40)); // Timer G would have resent it 10 times by now
        assertThat(h.transport.responses(503)).hasSize(1);

        // §8.2.7: a retransmitted INVITE is answered again, with the same To tag.
        h.receive(invite("cap-3@x", "z9hG4bK-cap3", OFFER_PCMU_PCMA));
        assertThat(h.transport.responses(503)).hasSize(2)
                .extracting(sent -> ((SipResponse) sent.message()).to().tag().orElseThrow()).containsOnly(
                        ((SipResponse) h.transport.responses(503).get(0).message()).to().tag().orElseThrow());
        // Another INVITE gets another tag.
        h.receive(invite("cap-4@x", "z9hG4bK-cap4", OFFER_PCMU_PCMA));
        assertThat(h.transport.responses(503)).extracting(sent -> ((SipResponse) sent.message()).to().tag().orElseThrow())
                .hasSize(3).satisfies(tags ->
                        assertThat(tags.get(2)).isNotEqualTo(tags.get(0)));
        assertThat(h.ua.counters().callsOverCapacity()).isEqualTo(3);
    }

    @Test
    void aCallEndingFreesItsPlace() {
        h.receive(invite("cap-1@x", "z9hG4bK-cap1", OFFER_PCMU_PCMA));
        h.receive(invite("cap-2@x", "z9hG4bK-cap2", OFFER_PCMU_PCMA));
        h.incoming.get(0).reject(486);

        h.receive(invite("cap-3@x", "z9hG4bK-cap3", OFFER_PCMU_PCMA));

        assertThat(h.incoming).hasSize(3);
        assertThat(h.transport.responses(503)).isEmpty();
    }
}
