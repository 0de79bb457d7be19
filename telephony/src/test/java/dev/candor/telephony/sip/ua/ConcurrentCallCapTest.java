package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipResponse;
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
    void aCallEndingFreesItsPlace() {
        h.receive(invite("cap-1@x", "z9hG4bK-cap1", OFFER_PCMU_PCMA));
        h.receive(invite("cap-2@x", "z9hG4bK-cap2", OFFER_PCMU_PCMA));
        h.incoming.get(0).reject(486);

        h.receive(invite("cap-3@x", "z9hG4bK-cap3", OFFER_PCMU_PCMA));

        assertThat(h.incoming).hasSize(3);
        assertThat(h.transport.responses(503)).isEmpty();
    }
}
