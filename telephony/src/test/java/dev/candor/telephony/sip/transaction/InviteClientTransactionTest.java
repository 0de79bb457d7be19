package dev.candor.telephony.sip.transaction;

import static dev.candor.telephony.sip.transaction.TransactionHarness.BOB;
import static dev.candor.telephony.sip.transaction.TransactionHarness.request;
import static dev.candor.telephony.sip.transaction.TransactionHarness.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendRequest;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;
import dev.candor.telephony.sip.transaction.TransactionEvent.TimerFired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** RFC 3261 §17.1.1 (Figure 5) with RFC 6026 §7.2, in virtual time. */
class InviteClientTransactionTest {
    private final TransactionHarness h = new TransactionHarness();
    private final TransactionHarness.RecordingUser tu = h.new RecordingUser();
    private final SipRequest invite = request("INVITE", "UDP", "z9hG4bK-ict-1");

    @Test
    void timerARetransmitsAtT1DoublingAndTimerBTimesOutAt64T1() {
        TransactionLayer.Client client = h.layer.sendRequest(invite, BOB, tu);

        // §17.1.1.2: "If an unreliable transport is being used, the client transaction MUST start timer
        // A with a value of T1 ... When timer A fires, the client transaction MUST retransmit the request
        // ... and reset the timer with a value of 2*T1" — no cap for INVITE.
        h.advanceMillis(31_999);
        assertThat(h.sendTimes("INVITE")).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
        assertThat(h.sent).allSatisfy(s -> assertThat(s.destination()).isEqualTo(BOB));
        assertThat(tu.events).isEmpty();

        // "If the client transaction is still in the Calling state when timer B fires, the client
        // transaction SHOULD inform the TU that a timeout has occurred."
        h.advanceMillis(1);
        assertThat(tu.events).containsExactly("32000ms timeout B");
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.size()).isZero();

        h.advanceMillis(60_000);
        assertThat(h.sendTimes("INVITE")).hasSize(7);
        assertThat(tu.events).hasSize(1);
    }

    @Test
    void aProvisionalResponseStopsTimersAAndBInProceeding() {
        TransactionLayer.Client client = h.layer.sendRequest(invite, BOB, tu);
        h.advanceMillis(600);
        assertThat(h.layer.receiveResponse(response(invite, 180, "bob-tag"))).isTrue();

        // "the client transaction ... transitions to the Proceeding state ... [and] SHOULD NOT retransmit".
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.PROCEEDING);
        h.advanceMillis(120_000);
        assertThat(h.sendTimes("INVITE")).containsExactly(0L, 500L);
        assertThat(tu.events).containsExactly("600ms 180");

        // "Any further provisional responses MUST be passed up to the TU while in the Proceeding state."
        h.layer.receiveResponse(response(invite, 183, "bob-tag"));
        assertThat(tu.events).containsExactly("600ms 180", "120600ms 183");
    }

    @Test
    void aNon2xxFinalResponseIsAckedByTheTransactionPerSection17113() {
        h.layer.sendRequest(invite, BOB, tu);
        h.layer.receiveResponse(response(invite, 486, "bob-tag"));

        List<TransactionHarness.Sent> acks = h.sentStarting("ACK");
        assertThat(acks).hasSize(1);
        SipRequest ack = acks.get(0).request();
        assertThat(acks.get(0).destination()).isEqualTo(BOB);
        // "The ACK request ... MUST contain values for the Call-ID, From, and Request-URI that are equal
        // to the values of those header fields in the request passed to the transport".
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.from()).isEqualTo(invite.from());
        // "The To header field in the ACK MUST equal the To header field in the response being acknowledged".
        assertThat(ack.to().tag()).contains("bob-tag");
        // "The ACK MUST contain a single Via header field, and this MUST be equal to the top Via".
        assertThat(ack.vias()).containsExactly(invite.topVia());
        // "the same value for the sequence number ... but the method parameter MUST be equal to ACK".
        assertThat(ack.cseq().sequence()).isEqualTo(1);
        assertThat(ack.cseq().method()).isEqualTo(SipMethod.ACK);
        // "If the INVITE request whose response is being acknowledged had Route header fields, those
        // header fields MUST appear in the ACK."
        assertThat(ack.headers().all("Route")).containsExactlyElementsOf(invite.headers().all("Route"));
        assertThat(tu.events).containsExactly("0ms 486");
    }

    @Test
    void inCompletedARetransmittedFinalResponseIsAckedAgainButNotPassedUpAndTimerDEndsIt() {
        TransactionLayer.Client client = h.layer.sendRequest(invite, BOB, tu);
        h.layer.receiveResponse(response(invite, 603, "bob-tag"));
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.COMPLETED);

        h.advanceMillis(2_000);
        // "Any retransmissions of the final response that are received while in the Completed state MUST
        // cause the ACK to be re-passed to the transport layer for retransmission, but the newly received
        // response MUST NOT be passed up to the TU."
        assertThat(h.layer.receiveResponse(response(invite, 603, "bob-tag"))).isTrue();
        assertThat(h.sendTimes("ACK")).containsExactly(0L, 2_000L);
        assertThat(tu.events).containsExactly("0ms 603");
        assertThat(h.sendTimes("INVITE")).containsExactly(0L);

        // Timer D: "at least 32 seconds for unreliable transports".
        h.advanceMillis(29_999);
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.COMPLETED);
        h.advanceMillis(1);
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.size()).isZero();
        assertThat(h.layer.receiveResponse(response(invite, 603, "bob-tag"))).isFalse();
    }

    @Test
    void every2xxGoesToTheTuWhichAcksItAndTimerMEndsTheAcceptedState() {
        TransactionLayer.Client client = h.layer.sendRequest(invite, BOB, tu);
        h.layer.receiveResponse(response(invite, 200, "bob-tag"));
        h.advanceMillis(500);
        h.layer.receiveResponse(response(invite, 200, "bob-tag"));

        // §17.1.1.2 / RFC 6026 §7.2: a 2xx moves to Accepted; "any 2xx responses that match this client
        // transaction ... MUST be passed up to the TU". The TU, not the transaction, ACKs a 2xx.
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.ACCEPTED);
        assertThat(tu.events).containsExactly("0ms 200", "500ms 200");
        assertThat(h.sentStarting("ACK")).isEmpty();
        assertThat(h.sendTimes("INVITE")).containsExactly(0L);

        // Timer M: 64 × T1 in Accepted, then Terminated.
        h.advanceMillis(31_499);
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.ACCEPTED);
        h.advanceMillis(1);
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.receiveResponse(response(invite, 200, "bob-tag"))).isFalse();
        assertThat(tu.events).hasSize(2);
    }

    @Test
    void overTcpTheInviteIsSentOnceTimerBStillRunsAndTimerDIsZero() {
        SipRequest overTcp = request("INVITE", "TCP", "z9hG4bK-ict-tcp");
        TransactionLayer.Client client = h.layer.sendRequest(overTcp, BOB, tu);

        // §17.1.1.2: Timer A only "if an unreliable transport is being used".
        h.advanceMillis(10_000);
        assertThat(h.sendTimes("INVITE")).containsExactly(0L);

        // Timer D is "zero seconds for reliable transports": Completed is left at once.
        h.layer.receiveResponse(response(overTcp, 486, "bob-tag"));
        assertThat(h.sendTimes("ACK")).containsExactly(10_000L);
        assertThat(client.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.size()).isZero();

        TransactionHarness other = new TransactionHarness();
        TransactionHarness.RecordingUser silent = other.new RecordingUser();
        other.layer.sendRequest(overTcp, BOB, silent);
        other.advanceMillis(32_000);
        assertThat(silent.events).containsExactly("32000ms timeout B");
    }

    @Test
    void theStateMachineAloneReadsLikeFigure5() {
        InviteClientTransaction t = new InviteClientTransaction(invite, TimerSettings.defaults());

        assertThat(t.start()).containsExactly(new SendRequest(invite),
                new StartTimer(TransactionTimer.A, Duration.ofMillis(500)),
                new StartTimer(TransactionTimer.B, Duration.ofSeconds(32)));
        assertThat(t.step(new TimerFired(TransactionTimer.A))).containsExactly(new SendRequest(invite),
                new StartTimer(TransactionTimer.A, Duration.ofMillis(1_000)));
        assertThat(t.step(new TimerFired(TransactionTimer.B)))
                .containsExactly(new TransactionEffect.ReportTimeout(TransactionTimer.B), new TransactionEffect.Terminate());
        assertThat(t.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        // A stale timer after termination does nothing.
        assertThat(t.step(new TimerFired(TransactionTimer.A))).isEmpty();
    }

    @Test
    void configuredTimersAreUsed() {
        TransactionHarness fast = new TransactionHarness(
                new TimerSettings(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(1_000)));
        TransactionHarness.RecordingUser user = fast.new RecordingUser();
        fast.layer.sendRequest(invite, BOB, user);

        fast.advanceMillis(6_400);
        assertThat(fast.sendTimes("INVITE")).containsExactly(0L, 100L, 300L, 700L, 1_500L, 3_100L, 6_300L);
        assertThat(user.events).containsExactly("6400ms timeout B");
    }
}
