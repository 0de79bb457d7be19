package dev.candor.telephony.sip.transaction;

import static dev.candor.telephony.sip.transaction.TransactionHarness.BOB;
import static dev.candor.telephony.sip.transaction.TransactionHarness.request;
import static dev.candor.telephony.sip.transaction.TransactionHarness.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2 (Figure 6), in virtual time. */
class NonInviteClientTransactionTest {
    private final TransactionHarness h = new TransactionHarness();
    private final TransactionHarness.RecordingUser tu = h.new RecordingUser();
    private final SipRequest bye = request("BYE", "UDP", "z9hG4bK-nict-1");

    @Test
    void timerEDoublesFromT1CappedAtT2AndTimerFTimesOutAt64T1() {
        TransactionLayer.Client client = h.layer.sendRequest(bye, BOB, tu);

        // §17.1.2.2: "timer E MUST be reset with a value of MIN(2*T1, T2). When the timer fires again, it
        // is reset to a MIN(4*T1, T2)": 0.5, 1, 2, 4, 4, 4 ... seconds apart.
        h.advanceMillis(31_999);
        assertThat(h.sendTimes("BYE")).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L,
                19_500L, 23_500L, 27_500L, 31_500L);
        assertThat(tu.events).isEmpty();

        // "If Timer F fires while the client transaction is still in the Trying state, the client
        // transaction SHOULD inform the TU about the timeout, and then it SHOULD enter the Terminated state."
        h.advanceMillis(1);
        assertThat(tu.events).containsExactly("32000ms timeout F");
        assertThat(client.state()).isEqualTo(NonInviteClientTransaction.State.TERMINATED);
        h.advanceMillis(10_000);
        assertThat(h.sendTimes("BYE")).hasSize(11);
    }

    @Test
    void inProceedingTimerERetransmitsEveryT2() {
        TransactionLayer.Client client = h.layer.sendRequest(bye, BOB, tu);
        h.advanceMillis(600);
        h.layer.receiveResponse(response(bye, 100, null));
        assertThat(client.state()).isEqualTo(NonInviteClientTransaction.State.PROCEEDING);

        // "If Timer E fires while in the Proceeding state, the request MUST be passed to the transport
        // layer for retransmission, and Timer E MUST be reset with a value of T2 seconds."
        h.advanceMillis(12_000);
        assertThat(h.sendTimes("BYE")).containsExactly(0L, 500L, 1_500L, 5_500L, 9_500L);
        assertThat(tu.events).containsExactly("600ms 100");

        // Timer F still runs in Proceeding.
        h.advanceMillis(20_000);
        assertThat(tu.events).containsExactly("600ms 100", "32000ms timeout F");
    }

    @Test
    void aFinalResponseStopsRetransmissionsAndTimerKAbsorbsItsRetransmissionsForT4() {
        TransactionLayer.Client client = h.layer.sendRequest(bye, BOB, tu);
        h.advanceMillis(700);
        SipResponse ok = response(bye, 200, "bob-tag");
        h.layer.receiveResponse(ok);

        assertThat(client.state()).isEqualTo(NonInviteClientTransaction.State.COMPLETED);
        assertThat(tu.events).containsExactly("700ms 200");

        // "The Completed state exists to buffer any additional response retransmissions": absorbed.
        h.advanceMillis(2_000);
        assertThat(h.layer.receiveResponse(ok)).isTrue();
        assertThat(tu.events).containsExactly("700ms 200");
        assertThat(h.sendTimes("BYE")).containsExactly(0L, 500L);

        // Timer K: T4 (5 s) for unreliable transports.
        h.advanceMillis(2_999);
        assertThat(client.state()).isEqualTo(NonInviteClientTransaction.State.COMPLETED);
        h.advanceMillis(1);
        assertThat(client.state()).isEqualTo(NonInviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.receiveResponse(ok)).isFalse();
    }

    @Test
    void overTcpThereIsNoTimerEAndTimerKIsZero() {
        SipRequest overTcp = request("REGISTER", "TCP", "z9hG4bK-nict-tcp");
        TransactionLayer.Client client = h.layer.sendRequest(overTcp, BOB, tu);

        h.advanceMillis(20_000);
        assertThat(h.sendTimes("REGISTER")).containsExactly(0L);

        h.layer.receiveResponse(response(overTcp, 200, "reg-tag"));
        // "Timer K ... zero seconds for reliable transports".
        assertThat(client.state()).isEqualTo(NonInviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.size()).isZero();
        assertThat(tu.events).containsExactly("20000ms 200");
    }

    @Test
    void theCancelsResponseMatchesTheCancelTransactionNotTheInvites() {
        SipRequest invite = request("INVITE", "UDP", "z9hG4bK-shared");
        SipRequest cancel = request("CANCEL", "UDP", "z9hG4bK-shared");
        TransactionHarness.RecordingUser inviteTu = h.new RecordingUser();
        h.layer.sendRequest(invite, BOB, inviteTu);
        h.layer.receiveResponse(response(invite, 180, "bob-tag"));
        TransactionLayer.Client cancelling = h.layer.sendRequest(cancel, BOB, tu);

        // §17.1.3: "the method parameter in the CSeq header field matches the method of the request that
        // created the transaction. The method is needed since a CANCEL request constitutes a different
        // transaction, but shares the same value of the branch parameter."
        h.layer.receiveResponse(response(cancel, 200, "bob-tag"));
        assertThat(tu.events).containsExactly("0ms 200");
        assertThat(inviteTu.events).containsExactly("0ms 180");
        assertThat(cancelling.state()).isEqualTo(NonInviteClientTransaction.State.COMPLETED);

        h.layer.receiveResponse(response(invite, 487, "bob-tag"));
        assertThat(inviteTu.events).containsExactly("0ms 180", "0ms 487");
        assertThat(h.sentStarting("ACK")).hasSize(1);
    }

    @Test
    void terminatingFromTheTuStopsRetransmissionsAndMakesLaterResponsesStray() {
        TransactionLayer.Client client = h.layer.sendRequest(bye, BOB, tu);
        h.advanceMillis(600);
        client.terminate();

        h.advanceMillis(40_000);
        assertThat(h.sendTimes("BYE")).containsExactly(0L, 500L);
        assertThat(tu.events).isEmpty();
        assertThat(h.layer.receiveResponse(response(bye, 200, "bob-tag"))).isFalse();
    }
}
