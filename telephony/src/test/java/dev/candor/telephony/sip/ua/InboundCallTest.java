package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.ALICE;
import static dev.candor.telephony.sip.ua.UaHarness.OFFER_G729_ONLY;
import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMA_PCMU;
import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.ackInTransaction;
import static dev.candor.telephony.sip.ua.UaHarness.cancel;
import static dev.candor.telephony.sip.ua.UaHarness.inDialog;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sdp.SessionDescription;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The UAS side of an INVITE (RFC 3261 §13.3, §17.2.1) driven in virtual time. */
class InboundCallTest {
    private static final String CALL = "call-1@192.0.2.10";
    private static final String BRANCH = "z9hG4bK-inv-1";

    private final UaHarness h = new UaHarness();

    @Test
    void inviteGets100TryingAtOnceAndReachesTheHandler() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));

        // §8.2.6.1 / §17.2.1: the UAS sends 100 Trying for an INVITE it will not answer within 200 ms.
        assertThat(h.transport.all()).hasSize(1);
        SipResponse trying = h.transport.lastResponse(100);
        assertThat(trying.to().tag()).isEmpty();
        assertThat(trying.topVia().branch()).contains(BRANCH);
        assertThat(h.transport.all().get(0).destination()).isEqualTo(ALICE);
        CallLeg leg = h.onlyIncomingLeg();
        assertThat(leg.state()).isEqualTo(CallState.RINGING);
        assertThat(leg.sipCallId()).isEqualTo(CALL);
        assertThat(h.ua.activeLegs()).isEqualTo(1);
    }

    @Test
    void assertedIdentityIsTakenOnlyFromATrustedSource() {
        String withPai = invite(CALL, BRANCH, OFFER_PCMU_PCMA)
                .replace("Max-Forwards: 70\n", "Max-Forwards: 70\nP-Asserted-Identity: <sip:+15550100009@trunk>\n");
        assertThat(withPai).contains("P-Asserted-Identity");
        h.receive(withPai);
        // RFC 3325 §5: anybody can write the header; from an untrusted source it is ignored.
        assertThat(h.onlyIncomingLeg().assertedIdentity()).isEmpty();

        UaHarness trusting = new UaHarness();
        trusting.ua.setIdentityTrust(address -> address.equals(ALICE.getAddress()));
        trusting.receive(withPai);
        assertThat(trusting.onlyIncomingLeg().assertedIdentity()).contains("<sip:+15550100009@trunk>");
    }

    @Test
    void ringSends180WithAToTag() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().ring();

        SipResponse ringing = h.transport.lastResponse(180);
        // §12.1.1: a response that establishes a dialog MUST carry a To tag.
        assertThat(ringing.to().tag()).isPresent();
        assertThat(ringing.callId()).isEqualTo(CALL);
    }

    @Test
    void answerSends200WithPcmuAnswerAndContactWhenPcmuOfferedFirst() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().ring();
        h.onlyIncomingLeg().answer();

        SipResponse ok = h.transport.lastResponse(200);
        assertThat(ok.to().tag()).isEqualTo(h.transport.lastResponse(180).to().tag());
        // §13.3.1.4: the 2xx MUST contain a Contact.
        assertThat(ok.contacts()).hasSize(1);
        assertThat(ok.contacts().get(0).uri().toString()).isEqualTo("sip:candor@192.0.2.1:5060");
        assertThat(ok.contentType()).contains("application/sdp");
        SessionDescription answer = SessionDescription.parse(new String(ok.body(), StandardCharsets.US_ASCII))
                .orElseThrow();
        assertThat(answer.media().get(0).formats()).containsExactly(0, 101);
        assertThat(answer.media().get(0).port()).isEqualTo(FakeMediaFactory.FIRST_PORT);
        assertThat(h.onlyIncomingLeg().state()).isEqualTo(CallState.ANSWERED);
        MediaParameters started = h.media.last().started;
        assertThat(started.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(started.remoteAddress()).isEqualTo("192.0.2.10");
        assertThat(started.remotePort()).isEqualTo(49170);
        assertThat(started.telephoneEventPayloadType()).isEqualTo(101);
    }

    @Test
    void theCallersRtcpReportReachesTheListenerAndTheLegAsksItsMediaForStatisticsAndDtmf() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        CallLeg leg = h.onlyIncomingLeg();
        assertThat(leg.mediaStatistics()).as("before media starts").isEqualTo(MediaStatistics.NONE);
        assertThat(leg.sendDtmf('1', 100)).isFalse();
        leg.answer();
        MediaStatistics reported = new MediaStatistics(50, 8000, MediaStatistics.Reception.NONE,
                Optional.of(new MediaStatistics.RemoteReport(0.25, 3, 20.0, 1000)), Optional.empty());
        h.media.last().statistics = reported;

        h.media.last().events.onRemoteReport(reported);

        assertThat(h.listener.events()).contains("report:0.25");
        assertThat(leg.mediaStatistics()).isEqualTo(reported);
        assertThat(leg.sendDtmf('1', 100)).isTrue();
        assertThat(h.media.last().dtmfSent).containsExactly("1/100");
    }

    @Test
    void answerChoosesPcmaWhenPcmaOfferedFirst() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMA_PCMU));
        h.onlyIncomingLeg().answer();

        SipResponse ok = h.transport.lastResponse(200);
        SessionDescription answer = SessionDescription.parse(new String(ok.body(), StandardCharsets.US_ASCII))
                .orElseThrow();
        assertThat(answer.media().get(0).formats()).containsExactly(8, 101);
        assertThat(h.media.last().started.codec()).isEqualTo(AudioCodec.PCMA);
    }

    @Test
    void okIsRetransmittedWithT1DoublingCappedAtT2UntilAck() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();

        // §13.3.1.4: retransmit at T1, doubling each time up to T2.
        h.scheduler.advance(Duration.ofMillis(11_600));
        assertThat(sendTimesMillis(200)).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L);

        String toTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        h.receive(inDialog("ACK", 1, CALL, "z9hG4bK-ack-1", toTag));
        assertThat(h.onlyIncomingLeg().state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(h.listener.events()).containsExactly("established");

        // "...until the ACK is received": then no more.
        h.scheduler.advance(Duration.ofSeconds(60));
        assertThat(h.transport.responses(200)).hasSize(6);
        assertThat(h.transport.requests(dev.candor.telephony.sip.message.SipMethod.BYE)).isEmpty();
    }

    @Test
    void noAckWithin64T1SendsByeAndEndsWithAckTimeout() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();

        h.scheduler.advance(Duration.ofMillis(31_999));
        assertThat(h.transport.requests(dev.candor.telephony.sip.message.SipMethod.BYE)).isEmpty();

        // §13.3.1.4: "If the server retransmits the 2xx response for 64*T1 seconds without receiving an
        // ACK, the dialog is confirmed, but the session SHOULD be terminated. This is accomplished with a BYE."
        h.scheduler.advance(Duration.ofMillis(1));
        var bye = h.transport.lastRequest(dev.candor.telephony.sip.message.SipMethod.BYE);
        assertThat(bye.to().tag()).contains("alice-tag");
        assertThat(h.listener.events()).containsExactly("ended:ACK_TIMEOUT");
        assertThat(h.onlyIncomingLeg().state()).isEqualTo(CallState.ENDED);
        assertThat(h.media.last().closed).isTrue();
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void retransmittedInviteGetsTheLastResponseAgainAndNoSecondCall() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().ring();
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));

        // §17.2.1: a retransmitted INVITE gets the most recent provisional response again.
        assertThat(h.transport.responses(180)).hasSize(2);
        assertThat(h.incoming).hasSize(1);
        assertThat(h.media.opened).hasSize(1);

        h.onlyIncomingLeg().answer();
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        // RFC 6026 §7.1: after the 2xx the transaction is Accepted, and "Any retransmissions of the INVITE
        // received while in the 'Accepted' state MUST be absorbed"; the UAS core's own 2xx
        // retransmissions (§13.3.1.4, at T1) answer the caller instead.
        assertThat(h.transport.responses(200)).hasSize(1);
        assertThat(h.ua.counters().retransmissionsAbsorbed()).isEqualTo(2);
        h.scheduler.advance(Duration.ofMillis(500));
        assertThat(h.transport.responses(200)).hasSize(2);
        assertThat(h.incoming).hasSize(1);
        assertThat(h.ua.activeLegs()).isEqualTo(1);
    }

    @Test
    void cancelBeforeAnswerGets200And487() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().ring();
        h.receive(cancel(CALL, BRANCH));

        // §9.2: the CANCEL gets 200; the INVITE "SHOULD then respond to the INVITE with a 487".
        SipResponse cancelOk = h.transport.lastResponse(200);
        assertThat(cancelOk.cseq().method().name()).isEqualTo("CANCEL");
        SipResponse terminated = h.transport.lastResponse(487);
        assertThat(terminated.cseq().method().name()).isEqualTo("INVITE");
        assertThat(terminated.to().tag()).isEqualTo(h.transport.lastResponse(180).to().tag());
        assertThat(h.listener.events()).containsExactly("ended:CANCELLED");
        assertThat(h.media.last().closed).isTrue();
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void the487IsRetransmittedUntilItsAck() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.receive(cancel(CALL, BRANCH));

        // §17.2.1 Timer G: the failure response is retransmitted T1, 2T1, ... capped at T2.
        h.scheduler.advance(Duration.ofMillis(1_600));
        assertThat(sendTimesMillis(487)).containsExactly(0L, 500L, 1_500L);

        String toTag = h.transport.lastResponse(487).to().tag().orElseThrow();
        h.receive(ackInTransaction(CALL, BRANCH, toTag));
        h.scheduler.advance(Duration.ofSeconds(40));
        assertThat(h.transport.responses(487)).hasSize(3);
    }

    @Test
    void cancelForAnUnknownTransactionGets481() {
        h.receive(cancel(CALL, "z9hG4bK-nobody"));

        // §9.2: "If the UAS did not find a matching transaction for the CANCEL ... it SHOULD respond 481".
        assertThat(h.transport.lastResponse(481).cseq().method().name()).isEqualTo("CANCEL");
        assertThat(h.transport.all()).hasSize(1);
    }

    @Test
    void cancelAfterAnswerChangesNothing() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();
        h.receive(cancel(CALL, BRANCH));

        // §9.2: a CANCEL for an answered INVITE gets 200 but "SHOULD NOT" affect it.
        assertThat(h.transport.responses(487)).isEmpty();
        assertThat(h.onlyIncomingLeg().state()).isEqualTo(CallState.ANSWERED);
        assertThat(h.listener.events()).isEmpty();
    }

    @Test
    void offerWithOnlyG729Gets488AndNeverReachesTheHandler() {
        h.receive(invite(CALL, BRANCH, OFFER_G729_ONLY));

        assertThat(h.transport.lastResponse(488).headers().first("Warning")).isPresent();
        assertThat(h.incoming).isEmpty();
        assertThat(h.media.last().closed).isTrue();
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void inviteWithoutBodyGets488() {
        h.receive(invite(CALL, BRANCH, null));

        assertThat(h.transport.lastResponse(488).to().tag()).isPresent();
        assertThat(h.incoming).isEmpty();
        assertThat(h.media.opened).isEmpty();
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void rejectSendsTheStatusAndEndsTheLeg() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().reject(486);

        assertThat(h.transport.lastResponse(486).to().tag()).isPresent();
        assertThat(h.listener.events()).containsExactly("ended:REJECTED_LOCALLY");
    }

    @Test
    void byeBeforeTheAckStopsThe200AndSendsNoBye() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();
        String toTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        // The ACK was lost; Alice already hangs up.
        h.receive(inDialog("BYE", 2, CALL, "z9hG4bK-bye-early", toTag));
        assertThat(h.listener.events()).containsExactly("ended:REMOTE_HANGUP");
        int okCount = h.transport.responses(200).size();

        h.scheduler.advance(Duration.ofSeconds(40));
        // The dialog is over: no more 2xx retransmissions, and certainly no BYE for an ACK timeout.
        assertThat(h.transport.responses(200)).hasSize(okCount);
        assertThat(h.transport.requests(dev.candor.telephony.sip.message.SipMethod.BYE)).isEmpty();
        assertThat(h.listener.events()).containsExactly("ended:REMOTE_HANGUP");
    }

    @Test
    void hangupBeforeTheAckWaitsForTheAckBeforeSendingBye() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();
        h.onlyIncomingLeg().hangup();

        // §15: "the callee's UA MUST NOT send a BYE on a confirmed dialog until it has received an ACK
        // for its 2xx response or until the server transaction times out."
        assertThat(h.transport.requests(dev.candor.telephony.sip.message.SipMethod.BYE)).isEmpty();
        h.scheduler.advance(Duration.ofMillis(600));
        assertThat(h.transport.responses(200)).hasSize(2); // the 2xx is still retransmitted meanwhile

        String toTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        h.receive(inDialog("ACK", 1, CALL, "z9hG4bK-ack-late", toTag));
        assertThat(h.transport.requests(dev.candor.telephony.sip.message.SipMethod.BYE)).hasSize(1);
        assertThat(h.listener.events()).containsExactly("ended:LOCAL_HANGUP");
        h.scheduler.advance(Duration.ofSeconds(40));
        assertThat(h.transport.responses(200)).hasSize(2);
    }

    @Test
    void hangupBeforeAnAckThatNeverComesSendsByeAt64T1() {
        h.receive(invite(CALL, BRANCH, OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();
        h.onlyIncomingLeg().hangup();

        h.scheduler.advance(Duration.ofSeconds(32));
        assertThat(h.transport.requests(dev.candor.telephony.sip.message.SipMethod.BYE)).hasSize(1);
        assertThat(h.listener.events()).containsExactly("ended:LOCAL_HANGUP");
    }

    private List<Long> sendTimesMillis(int status) {
        return h.transport.responses(status).stream().map(s -> s.at().toMillis()).toList();
    }
}
