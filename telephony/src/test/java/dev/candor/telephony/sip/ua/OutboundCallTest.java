package dev.candor.telephony.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.SessionDescription;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipUri;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The UAC side of an INVITE (RFC 3261 §13.2, §17.1.1, §9.1) driven in virtual time. */
class OutboundCallTest {
    private static final InetSocketAddress BOB = new InetSocketAddress("192.0.2.20", 5060);
    private static final SipUri BOB_URI = SipUri.of("sip:bob@192.0.2.20:5060");
    private static final String BOB_SDP = UaHarness.sdp("8 101", "a=rtpmap:8 PCMA/8000\n"
            + "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\n").replace("192.0.2.10", "192.0.2.20");

    private final UaHarness h = new UaHarness();
    private final RecordingListener listener = new RecordingListener();

    private CallLeg call(Duration answerTimeout) {
        return h.ua.placeCall(BOB_URI, BOB, "candor", listener, answerTimeout);
    }

    private SipRequest invite() {
        return h.transport.requests(SipMethod.INVITE).get(0).request();
    }

    /** Bob's response to {@code request}; {@code extra} holds more header lines and maybe a body. */
    private static String response(SipRequest request, int status, String reason, String toTag, String extra) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (String via : request.headers().all("Via")) {
            b.append("Via: ").append(via).append('\n');
        }
        String to = request.to().toString() + (toTag == null ? "" : ";tag=" + toTag);
        return b.append("From: ").append(request.from()).append('\n')
                .append("To: ").append(to).append('\n')
                .append("Call-ID: ").append(request.callId()).append('\n')
                .append("CSeq: ").append(request.cseq()).append('\n')
                .append(extra)
                .toString();
    }

    private String ok200() {
        return response(invite(), 200, "OK", "bob-tag", "Contact: <sip:bob@192.0.2.21:5080>\n"
                + "Content-Type: application/sdp\n\n" + BOB_SDP);
    }

    private void receive(String text) {
        h.receive(text, BOB);
    }

    @Test
    void placeCallSendsInviteWithOfferRetransmittedByTimerAUntilAProvisional() {
        call(Duration.ofSeconds(60));

        SipRequest invite = invite();
        assertThat(h.transport.all().get(0).destination()).isEqualTo(BOB);
        assertThat(invite.requestUri()).isEqualTo(BOB_URI);
        assertThat(invite.cseq().sequence()).isEqualTo(1);
        assertThat(invite.from().tag()).isPresent();
        assertThat(invite.to().tag()).isEmpty();
        assertThat(invite.topVia().branch().orElseThrow()).startsWith("z9hG4bK");
        assertThat(invite.contacts()).hasSize(1);
        SessionDescription offer = SessionDescription.parse(new String(invite.body(), StandardCharsets.US_ASCII))
                .orElseThrow();
        assertThat(offer.media().get(0).port()).isEqualTo(FakeMediaFactory.FIRST_PORT);
        assertThat(offer.media().get(0).formats()).containsExactly(0, 8, 101);

        // §17.1.1.2 Timer A: retransmit at T1, then doubling: 0.5 s, 1.5 s, 3.5 s after the first send.
        h.scheduler.advance(Duration.ofMillis(3_600));
        assertThat(inviteTimesMillis()).containsExactly(0L, 500L, 1_500L, 3_500L);

        // "If the client transaction receives a provisional response ... it transitions to Proceeding";
        // retransmissions stop.
        receive(response(invite, 100, "Trying", null, ""));
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(inviteTimesMillis()).hasSize(4);
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void overTcpTheInviteSaysTcpInItsViaAndIsNotRetransmitted() {
        h.transport.sendRequestsOver("TCP");
        call(Duration.ofSeconds(60));

        assertThat(invite().topVia().transport()).isEqualTo("TCP");
        // §17.1.1.2: Timer A only over an unreliable transport; TCP does the retransmitting.
        h.scheduler.advance(Duration.ofMillis(3_600));
        assertThat(inviteTimesMillis()).containsExactly(0L);
    }

    @Test
    void ringingIsReported() {
        call(Duration.ofSeconds(60));
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));

        assertThat(listener.events()).containsExactly("ringing");
    }

    @Test
    void okIsAcknowledgedInANewTransactionToTheContact() {
        CallLeg leg = call(Duration.ofSeconds(60));
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));
        receive(ok200());

        // §13.2.2.4: the ACK for a 2xx is built like an in-dialog request: new branch, CSeq number of
        // the INVITE with method ACK, sent to the remote target from the 2xx's Contact.
        FakeTransport.Sent sent = h.transport.requests(SipMethod.ACK).get(0);
        SipRequest ack = sent.request();
        assertThat(ack.topVia().branch()).isNotEqualTo(invite().topVia().branch());
        assertThat(ack.cseq().sequence()).isEqualTo(1);
        assertThat(ack.cseq().method()).isEqualTo(SipMethod.ACK);
        assertThat(ack.requestUri().toString()).isEqualTo("sip:bob@192.0.2.21:5080");
        assertThat(sent.destination()).isEqualTo(new InetSocketAddress("192.0.2.21", 5080));
        assertThat(ack.to().tag()).contains("bob-tag");
        assertThat(ack.from().tag()).isEqualTo(invite().from().tag());

        assertThat(listener.events()).containsExactly("ringing", "established");
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
        var media = h.media.last().started;
        assertThat(media.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(media.remoteAddress()).isEqualTo("192.0.2.20");
        assertThat(media.remotePort()).isEqualTo(49170);
        assertThat(leg.media()).contains(media);
    }

    @Test
    void retransmitted200IsAcknowledgedAgain() {
        call(Duration.ofSeconds(60));
        receive(ok200());
        receive(ok200());

        // §13.2.2.4: "The UAC core MUST generate an ACK ... for each 2xx received".
        List<FakeTransport.Sent> acks = h.transport.requests(SipMethod.ACK);
        assertThat(acks).hasSize(2);
        assertThat(acks.get(1).message()).isEqualTo(acks.get(0).message());
        assertThat(listener.events()).containsExactly("established");
    }

    @Test
    void busyIsAcknowledgedInTheInviteTransaction() {
        CallLeg leg = call(Duration.ofSeconds(60));
        receive(response(invite(), 486, "Busy Here", "bob-tag", ""));

        // §17.1.1.3: the ACK for a non-2xx has the INVITE's branch and Request-URI, CSeq number, and
        // the To of the response.
        SipRequest ack = h.transport.lastRequest(SipMethod.ACK);
        assertThat(ack.topVia().branch()).isEqualTo(invite().topVia().branch());
        assertThat(ack.requestUri()).isEqualTo(invite().requestUri());
        assertThat(ack.cseq().sequence()).isEqualTo(1);
        assertThat(ack.to().tag()).contains("bob-tag");
        assertThat(listener.events()).containsExactly("ended:BUSY");
        assertThat(leg.state()).isEqualTo(CallState.ENDED);
        assertThat(h.media.last().closed).isTrue();
        assertThat(h.ua.activeLegs()).isZero();

        // A retransmitted 486 is ACKed again, and nothing else happens.
        receive(response(invite(), 486, "Busy Here", "bob-tag", ""));
        assertThat(h.transport.requests(SipMethod.ACK)).hasSize(2);
        assertThat(listener.events()).containsExactly("ended:BUSY");
    }

    @Test
    void answerTimeoutAfterRingingCancelsAndEndsOn487() {
        call(Duration.ofSeconds(20));
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));
        h.scheduler.advance(Duration.ofSeconds(20));

        // §9.1: the CANCEL copies Request-URI, Call-ID, To, From, the CSeq number and the top Via.
        SipRequest cancel = h.transport.lastRequest(SipMethod.CANCEL);
        assertThat(cancel.topVia()).isEqualTo(invite().topVia());
        assertThat(cancel.requestUri()).isEqualTo(invite().requestUri());
        assertThat(cancel.cseq().sequence()).isEqualTo(1);
        assertThat(cancel.cseq().method()).isEqualTo(SipMethod.CANCEL);
        assertThat(cancel.to().tag()).isEmpty();

        // The CANCEL's own 200 shares the branch: it must not be taken for the INVITE's answer.
        receive(response(cancel, 200, "OK", "bob-tag", ""));
        assertThat(h.transport.requests(SipMethod.ACK)).isEmpty();
        assertThat(listener.events()).containsExactly("ringing");

        receive(response(invite(), 487, "Request Terminated", "bob-tag", ""));
        SipRequest ack = h.transport.lastRequest(SipMethod.ACK);
        assertThat(ack.topVia().branch()).isEqualTo(invite().topVia().branch());
        assertThat(listener.events()).containsExactly("ringing", "ended:NO_ANSWER");
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void cancelIsRetransmittedByTimerEUntilItsResponse() {
        call(Duration.ofSeconds(20));
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));
        h.scheduler.advance(Duration.ofSeconds(20));
        SipRequest cancel = h.transport.lastRequest(SipMethod.CANCEL);

        // §9.1: CANCEL is a non-INVITE request with its own client transaction (§17.1.2): over UDP it is
        // retransmitted on Timer E (T1, doubling, capped at T2) until a response arrives, so a lost
        // CANCEL does not leave the callee's phone ringing.
        h.scheduler.advance(Duration.ofMillis(1_600));
        assertThat(h.transport.requests(SipMethod.CANCEL).stream().map(s -> s.at().toMillis()))
                .containsExactly(20_000L, 20_500L, 21_500L);

        receive(response(cancel, 200, "OK", "bob-tag", ""));
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(h.transport.requests(SipMethod.CANCEL)).hasSize(3);
        assertThat(listener.events()).containsExactly("ringing");
    }

    @Test
    void noResponseAtAllEndsWithNoAnswerAfterTimerB() {
        call(Duration.ofSeconds(60));

        h.scheduler.advance(Duration.ofMillis(31_999));
        assertThat(listener.events()).isEmpty();
        // §17.1.1.2: "If ... still in the Calling state when timer B fires (64*T1), ... inform the TU
        // that a timeout has occurred."
        h.scheduler.advance(Duration.ofMillis(1));
        assertThat(listener.events()).containsExactly("ended:NO_ANSWER");
        assertThat(inviteTimesMillis()).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
        assertThat(h.transport.requests(SipMethod.CANCEL)).isEmpty();
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void ringingLongerThan64T1IsNotCutByTimerB() {
        call(Duration.ofSeconds(60));
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));

        // Timer B only matters "in the Calling state"; once Proceeding, the phone may ring as long as the
        // TU allows. Candor's answer timeout (60 s) decides, and it ends the attempt with a CANCEL.
        h.scheduler.advance(Duration.ofSeconds(40));
        assertThat(listener.events()).containsExactly("ringing");

        h.scheduler.advance(Duration.ofSeconds(20));
        assertThat(h.transport.requests(SipMethod.CANCEL)).hasSize(1);
    }

    @Test
    void hangupWhileRingingSendsCancel() {
        CallLeg leg = call(Duration.ofSeconds(60));
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));
        leg.hangup();

        assertThat(h.transport.requests(SipMethod.CANCEL)).hasSize(1);
        receive(response(invite(), 487, "Request Terminated", "bob-tag", ""));
        assertThat(listener.events()).containsExactly("ringing", "ended:LOCAL_HANGUP");
    }

    @Test
    void hangupBeforeAnyProvisionalSendsNoCancelAndALate200IsAckedAndHungUp() {
        CallLeg leg = call(Duration.ofSeconds(60));
        leg.hangup();

        // §9.1: "If no provisional response has been received, the CANCEL request MUST NOT be sent".
        assertThat(h.transport.requests(SipMethod.CANCEL)).isEmpty();
        assertThat(listener.events()).containsExactly("ended:LOCAL_HANGUP");

        // Bob's phone had already answered: 180 then 200 arrive after Candor gave up.
        receive(response(invite(), 180, "Ringing", "bob-tag", ""));
        receive(ok200());

        // The 2xx is ACKed (§13.2.2.4) and the unwanted session is ended with a BYE (§15).
        assertThat(h.transport.requests(SipMethod.ACK)).hasSize(1);
        assertThat(h.transport.requests(SipMethod.BYE)).hasSize(1);
        // But the leg ended once, for good.
        assertThat(listener.events()).containsExactly("ended:LOCAL_HANGUP");
        assertThat(leg.state()).isEqualTo(CallState.ENDED);
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void hangupBeforeAnyProvisionalLetsTheInviteTransactionRunOnSoALate180GetsItsCancel() {
        CallLeg leg = call(Duration.ofSeconds(60));
        h.scheduler.advance(Duration.ofMillis(600));
        leg.hangup();

        // §9.1: without a provisional response "the client MUST wait for the arrival of a provisional
        // response before sending the request": the INVITE's transaction keeps running (Timer A).
        h.scheduler.advance(Duration.ofMillis(1_000));
        assertThat(inviteTimesMillis()).containsExactly(0L, 500L, 1_500L);
        assertThat(h.transport.requests(SipMethod.CANCEL)).isEmpty();

        receive(response(invite(), 180, "Ringing", "bob-tag", ""));
        assertThat(h.transport.requests(SipMethod.CANCEL)).hasSize(1);
        receive(response(invite(), 487, "Request Terminated", "bob-tag", ""));
        // The 487 is ACKed by the INVITE's transaction, and the leg ended once, at the hang-up.
        assertThat(h.transport.lastRequest(SipMethod.ACK).topVia().branch()).isEqualTo(invite().topVia().branch());
        assertThat(listener.events()).containsExactly("ended:LOCAL_HANGUP");
        h.scheduler.advance(Duration.ofSeconds(60));
        assertThat(inviteTimesMillis()).hasSize(3);
    }

    @Test
    void byeFromTheCalleeEndsTheCall() {
        call(Duration.ofSeconds(60));
        receive(ok200());
        SipRequest ack = h.transport.lastRequest(SipMethod.ACK);
        receive("BYE sip:candor@192.0.2.1:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.21:5080;branch=z9hG4bK-bob-bye\n"
                + "Max-Forwards: 70\n"
                + "From: " + ack.to() + "\n"
                + "To: " + ack.from() + "\n"
                + "Call-ID: " + ack.callId() + "\n"
                + "CSeq: 1 BYE\n");

        assertThat(h.transport.lastResponse(200).cseq().method()).isEqualTo(SipMethod.BYE);
        assertThat(listener.events()).containsExactly("established", "ended:REMOTE_HANGUP");
    }

    private List<Long> inviteTimesMillis() {
        return h.transport.requests(SipMethod.INVITE).stream().map(s -> s.at().toMillis()).toList();
    }
}
