package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.inDialog;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.TransferListener;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Cold transfer: REFER inside an established dialog and the NOTIFYs that follow it (RFC 3515, RFC 6665). */
class ReferTransferTest {
    private static final String CALL = "refer@192.0.2.10";
    private static final String TARGET = "sip:accounts@pbx.example.com";

    private final UaHarness h = new UaHarness();
    private final Progress progress = new Progress();
    private String toTag;
    private CallLeg leg;

    private void establish(String inviteText) {
        h.receive(inviteText);
        leg = h.onlyIncomingLeg();
        leg.answer();
        toTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        h.receive(inDialog("ACK", 1, CALL, "z9hG4bK-ack", toTag));
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
        h.transport.clear();
    }

    private void establish() {
        establish(invite(CALL, "z9hG4bK-inv", OFFER_PCMU_PCMA)
                .replace("Contact: <sip:alice@192.0.2.10:5062>", "Contact: <sip:alice@192.0.2.11:5070>"));
    }

    @Test
    void referIsSentInTheDialogToTheContactWithReferToAndReferredBy() {
        establish();
        leg.transfer(TARGET, progress);

        List<FakeTransport.Sent> refers = h.transport.requests(SipMethod.REFER);
        assertThat(refers).hasSize(1);
        SipRequest refer = refers.get(0).request();
        // RFC 3261 §12.2.1.1: remote target as Request-URI, the dialog's tags and Call-ID.
        assertThat(refer.requestUri().toString()).isEqualTo("sip:alice@192.0.2.11:5070");
        assertThat(refers.get(0).destination()).isEqualTo(new InetSocketAddress("192.0.2.11", 5070));
        assertThat(refer.from().tag()).contains(toTag);
        assertThat(refer.to().tag()).contains("alice-tag");
        assertThat(refer.callId()).isEqualTo(CALL);
        // RFC 3515 §2.1: "A REFER request MUST contain exactly one Refer-To header field value".
        assertThat(refer.headers().all("Refer-To")).containsExactly("<" + TARGET + ">");
        // RFC 3892: Referred-By names the referrer, Candor's side of the dialog.
        assertThat(refer.headers().first("Referred-By")).contains("<sip:sales@192.0.2.1>");
        assertThat(refer.headers().first("Contact")).isPresent();
        assertThat(refer.cseq().sequence()).isEqualTo(1);
        assertThat(progress.events()).isEmpty();
    }

    @Test
    void referFollowsTheRouteSetAndLaterRequestsTakeTheNextCseq() {
        establish(invite(CALL, "z9hG4bK-inv", OFFER_PCMU_PCMA).replace("Contact:",
                "Record-Route: <sip:192.0.2.50:5080;lr>\nContact:"));
        leg.transfer(TARGET, progress);
        SipRequest refer = h.transport.lastRequest(SipMethod.REFER);
        assertThat(refer.headers().all("Route")).containsExactly("<sip:192.0.2.50:5080;lr>");
        assertThat(h.transport.requests(SipMethod.REFER).get(0).destination())
                .isEqualTo(new InetSocketAddress("192.0.2.50", 5080));

        h.receive(response(refer, 405));
        leg.hangup();
        // §12.2.1.1: "the CSeq ... MUST be incremented by one" for each new request in the dialog.
        assertThat(h.transport.lastRequest(SipMethod.BYE).cseq().sequence()).isEqualTo(2);
    }

    @Test
    void acceptedTransferReportsTryingThenSuccessAnswersEachNotifyAndHangsUp() {
        establish();
        leg.transfer(TARGET, progress);
        SipRequest refer = h.transport.lastRequest(SipMethod.REFER);
        h.receive(response(refer, 202));
        assertThat(progress.events()).containsExactly("accepted:202");

        h.receive(notify(2, "z9hG4bK-n1", "active;expires=60", "SIP/2.0 100 Trying"));
        // RFC 6665 §4.1.3: the subscriber answers each NOTIFY with 200.
        assertThat(h.transport.lastResponse(200).cseq().method()).isEqualTo(SipMethod.NOTIFY);
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);

        h.receive(notify(3, "z9hG4bK-n2", "terminated;reason=noresource", "SIP/2.0 200 OK"));
        assertThat(h.transport.responses(200)).hasSize(2);
        assertThat(progress.events()).containsExactly("accepted:202", "trying:100", "succeeded:200");
        // The caller now talks to the target: Candor leaves with BYE, next CSeq after the REFER.
        SipRequest bye = h.transport.lastRequest(SipMethod.BYE);
        assertThat(bye.cseq().sequence()).isEqualTo(2);
        assertThat(h.listener.events()).containsExactly("established", "ended:TRANSFERRED");
        assertThat(leg.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void peerThatHangsUpItselfAfterTheFinalNotifyGetsNoBye() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 202));
        h.receive(inDialog("BYE", 2, CALL, "z9hG4bK-bye", toTag));
        h.receive(notify(3, "z9hG4bK-n2", "terminated", "SIP/2.0 200 OK"));

        assertThat(progress.events()).containsExactly("accepted:202", "succeeded:200");
        assertThat(h.transport.requests(SipMethod.BYE)).isEmpty();
        assertThat(h.listener.events()).containsExactly("established", "ended:REMOTE_HANGUP");
    }

    @Test
    void busyTargetFailsTheTransferAndTheCallGoesOn() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 202));
        h.receive(notify(2, "z9hG4bK-n1", "active", "SIP/2.0 100 Trying"));
        h.receive(notify(3, "z9hG4bK-n2", "terminated", "SIP/2.0 486 Busy Here"));

        assertThat(progress.events()).containsExactly("accepted:202", "trying:100", "failed:486");
        assertThat(h.transport.requests(SipMethod.BYE)).isEmpty();
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @ParameterizedTest
    @ValueSource(ints = {405, 501, 603})
    void referAnsweredWithAFailureIsRefusedAndNotRetransmitted(int status) {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), status));
        h.scheduler.advance(Duration.ofSeconds(40));

        assertThat(progress.events()).containsExactly("refused:" + status);
        assertThat(h.transport.requests(SipMethod.REFER)).hasSize(1);
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void referNeverAnsweredIsRetransmittedPerTimerEThenRefusedWith408() {
        establish();
        leg.transfer(TARGET, progress);
        h.scheduler.advance(Duration.ofMillis(7_600));
        // RFC 3261 §17.1.2.2 Timer E: T1, 2T1, 4T1 ... capped at T2.
        assertThat(h.transport.requests(SipMethod.REFER).stream().map(s -> s.at().toMillis()))
                .containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L);
        assertThat(progress.events()).isEmpty();

        // Timer F: 64*T1 after the first send the transaction gives up.
        h.scheduler.advance(Duration.ofSeconds(30));
        assertThat(progress.events()).containsExactly("refused:408");
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void provisionalResponseKeepsTheReferRetransmittingUntilTheFinalOne() {
        establish();
        leg.transfer(TARGET, progress);
        SipRequest refer = h.transport.lastRequest(SipMethod.REFER);
        h.receive(response(refer, 100));
        h.scheduler.advance(Duration.ofMillis(600));
        h.receive(response(refer, 202));
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(h.transport.requests(SipMethod.REFER)).hasSize(2);
        assertThat(progress.events()).containsExactly("accepted:202");
    }

    @Test
    void notifyThatOvertakesThe202CountsAsAcceptance() {
        establish();
        leg.transfer(TARGET, progress);
        SipRequest refer = h.transport.lastRequest(SipMethod.REFER);
        h.receive(notify(2, "z9hG4bK-n1", "active", "SIP/2.0 100 Trying"));
        h.receive(response(refer, 202));

        assertThat(progress.events()).containsExactly("accepted:202", "trying:100");
    }

    @Test
    void retransmittedNotifyGetsTheSame200AndIsReportedOnce() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 202));
        String notify = notify(2, "z9hG4bK-n1", "active", "SIP/2.0 180 Ringing");
        h.receive(notify);
        h.receive(notify);

        assertThat(h.transport.responses(200)).hasSize(2);
        assertThat(progress.events()).containsExactly("accepted:202", "trying:180");
    }

    @Test
    void noFinalNotifyWithinTheOutcomeTimeoutFailsWith408() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 202));
        h.scheduler.advance(ReferTransfer.OUTCOME_TIMEOUT.minusSeconds(1));
        assertThat(progress.events()).containsExactly("accepted:202");

        h.scheduler.advance(Duration.ofSeconds(2));
        assertThat(progress.events()).containsExactly("accepted:202", "failed:408");
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void subscriptionTerminatedWithoutAFinalStatusFailsWith0() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 202));
        h.receive(inDialog("NOTIFY", 2, CALL, "z9hG4bK-n1", toTag)
                + "Event: refer\nSubscription-State: terminated;reason=timeout\n");

        assertThat(progress.events()).containsExactly("accepted:202", "failed:0");
    }

    @Test
    void notifyForAnotherEventPackageGets489() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 202));
        h.receive(notify(2, "z9hG4bK-n1", "active", "SIP/2.0 200 OK").replace("Event: refer", "Event: presence"));

        assertThat(h.transport.lastResponse(489)).isNotNull();
        assertThat(progress.events()).containsExactly("accepted:202");
    }

    @Test
    void notifyWithoutAnyTransferGets481() {
        establish();
        h.receive(notify(2, "z9hG4bK-n1", "active", "SIP/2.0 100 Trying"));

        // RFC 6665 §4.1.3: a NOTIFY matching no subscription gets 481.
        assertThat(h.transport.lastResponse(481).cseq().method()).isEqualTo(SipMethod.NOTIFY);
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void notifyAndReferForAnUnknownDialogGet481() {
        h.receive(notify(2, "z9hG4bK-n1", "active", "SIP/2.0 100 Trying").replace(CALL, "nobody@192.0.2.10"));
        h.receive(inDialog("REFER", 2, "nobody@192.0.2.10", "z9hG4bK-r1", "no-tag")
                + "Refer-To: <sip:mallory@example.org>\n");
        h.receive(inDialog("NOTIFY", 2, "other@192.0.2.10", "z9hG4bK-n2", "x").replace(";tag=x", "")
                + "Event: refer\nSubscription-State: active\n");

        assertThat(h.transport.responses(481)).extracting(s -> s.response().cseq().method())
                .containsExactly(SipMethod.NOTIFY, SipMethod.REFER, SipMethod.NOTIFY);
    }

    @Test
    void referFromThePeerIsNotAllowed() {
        establish();
        h.receive(inDialog("REFER", 2, CALL, "z9hG4bK-r1", toTag) + "Refer-To: <sip:mallory@example.org>\n");

        assertThat(h.transport.lastResponse(405).headers().first("Allow")).isPresent();
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void secondTransferWhileOneIsUnderWayIsRefusedWith491() {
        establish();
        leg.transfer(TARGET, progress);
        Progress second = new Progress();
        leg.transfer("sip:other@pbx.example.com", second);

        assertThat(second.events()).containsExactly("refused:491");
        assertThat(h.transport.requests(SipMethod.REFER)).hasSize(1);
    }

    @Test
    void transferAfterARefusalMayTryAgain() {
        establish();
        leg.transfer(TARGET, progress);
        h.receive(response(h.transport.lastRequest(SipMethod.REFER), 603));
        leg.transfer(TARGET, progress);

        assertThat(h.transport.requests(SipMethod.REFER)).hasSize(2);
        assertThat(h.transport.lastRequest(SipMethod.REFER).cseq().sequence()).isEqualTo(2);
    }

    @Test
    void transferBeforeTheDialogIsConfirmedIsRefusedWith481() {
        h.receive(invite(CALL, "z9hG4bK-inv", OFFER_PCMU_PCMA));
        leg = h.onlyIncomingLeg();
        leg.answer();
        leg.transfer(TARGET, progress);

        assertThat(progress.events()).containsExactly("refused:481");
        assertThat(h.transport.requests(SipMethod.REFER)).isEmpty();
    }

    @Test
    void targetThatIsNotASipUriIsAProgrammingError() {
        establish();
        assertThatThrownBy(() -> leg.transfer("mailto:accounts@example.com", progress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailto:accounts@example.com");
        assertThatThrownBy(() -> leg.transfer("not a uri", progress))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String notify(long cseq, String branch, String subscriptionState, String sipfrag) {
        return inDialog("NOTIFY", cseq, CALL, branch, toTag)
                + "Event: refer\n"
                + "Subscription-State: " + subscriptionState + "\n"
                + "Contact: <sip:alice@192.0.2.11:5070>\n"
                + "Content-Type: message/sipfrag;version=2.0\n\n"
                + sipfrag + "\n";
    }

    /** Alice's response to one of Candor's requests (same Via, From, To, Call-ID and CSeq). */
    private static String response(SipRequest request, int status) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + SipResponse.reasonPhrase(status) + "\n");
        for (String via : request.headers().all("Via")) {
            b.append("Via: ").append(via).append('\n');
        }
        return b.append("From: ").append(request.from()).append('\n')
                .append("To: ").append(request.to()).append('\n')
                .append("Call-ID: ").append(request.callId()).append('\n')
                .append("CSeq: ").append(request.cseq()).append('\n')
                .toString();
    }

    /** Writes down the transfer's progress as {@code accepted:202}, {@code failed:486}... */
    private static final class Progress implements TransferListener {
        private final List<String> events = new ArrayList<>();

        @Override
        public synchronized void onAccepted(int statusCode) {
            events.add("accepted:" + statusCode);
        }

        @Override
        public synchronized void onTrying(int statusCode) {
            events.add("trying:" + statusCode);
        }

        @Override
        public synchronized void onSucceeded(int statusCode) {
            events.add("succeeded:" + statusCode);
        }

        @Override
        public synchronized void onFailed(int statusCode) {
            events.add("failed:" + statusCode);
        }

        @Override
        public synchronized void onRefused(int statusCode) {
            events.add("refused:" + statusCode);
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }
    }
}
