package dev.candor.telephony.sip.transaction;

import static dev.candor.telephony.sip.transaction.TransactionHarness.BOB;
import static dev.candor.telephony.sip.transaction.TransactionHarness.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2 (Figure 8) and the merged-request rule of §8.2.2.2, in virtual time. */
class NonInviteServerTransactionTest {
    private final TransactionHarness h = new TransactionHarness();
    private final SipRequest bye = incoming("BYE", "UDP", "z9hG4bK-nist-1", 2, "cand-tag");

    @Test
    void retransmissionsAreAbsorbedInTryingAndAnsweredWithTheLastResponseLater() {
        TransactionLayer.Server server = h.layer.createServer(bye, BOB);

        // "Once in the Trying state, any further request retransmissions are discarded."
        assertThat(h.layer.receiveRequest(bye)).isTrue();
        assertThat(h.sent).isEmpty();

        // Proceeding: "If a retransmission of the request is received ..., the most recently sent
        // provisional response MUST be passed to the transport layer for retransmission."
        server.respond(SipResponse.to(bye, 100));
        h.layer.receiveRequest(bye);
        assertThat(h.sendTimes("SIP/2.0 100")).containsExactly(0L, 0L);

        // Completed: "the server transaction MUST pass the final response to the transport layer for
        // retransmission whenever a retransmission of the request is received."
        server.respond(SipResponse.to(bye, 200));
        h.advanceMillis(3_000);
        h.layer.receiveRequest(bye);
        assertThat(h.sendTimes("SIP/2.0 200")).containsExactly(0L, 3_000L);
        // "Any other final responses passed by the TU to the server transaction MUST be discarded".
        server.respond(SipResponse.to(bye, 500));
        assertThat(h.sendTimes("SIP/2.0 500")).isEmpty();
    }

    @Test
    void timerJKeepsTheFinalResponseFor64T1OverUdp() {
        TransactionLayer.Server server = h.layer.createServer(bye, BOB);
        server.respond(SipResponse.to(bye, 200));

        h.advanceMillis(31_999);
        assertThat(server.state()).isEqualTo(NonInviteServerTransaction.State.COMPLETED);
        assertThat(h.layer.receiveRequest(bye)).isTrue();
        h.advanceMillis(1);
        // "When the timer fires, the server transaction MUST transition to the Terminated state."
        assertThat(server.state()).isEqualTo(NonInviteServerTransaction.State.TERMINATED);
        assertThat(h.layer.receiveRequest(bye)).isFalse();
        assertThat(h.sendTimes("SIP/2.0 200")).containsExactly(0L, 31_999L);
    }

    @Test
    void overTcpTimerJIsZero() {
        SipRequest overTcp = incoming("OPTIONS", "TCP", "z9hG4bK-nist-tcp", 1, null);
        TransactionLayer.Server server = h.layer.createServer(overTcp, BOB);
        server.respond(SipResponse.to(overTcp, 200));

        // "Timer J ... zero seconds for reliable transports".
        assertThat(server.state()).isEqualTo(NonInviteServerTransaction.State.TERMINATED);
        assertThat(h.layer.size()).isZero();
    }

    @Test
    void aRequestWithTheSameFromTagCallIdAndCSeqButAnotherBranchIsMerged() {
        SipRequest options = incoming("OPTIONS", "UDP", "z9hG4bK-path-1", 5, null);
        h.layer.createServer(options, BOB);

        // §8.2.2.2: "If the From tag, Call-ID, and CSeq exactly match those associated with an ongoing
        // transaction, but the request does not match that transaction (based on the matching rules in
        // Section 17.2.3), the UAS core SHOULD generate a 482 (Loop Detected) response".
        assertThat(h.layer.isMerged(incoming("OPTIONS", "UDP", "z9hG4bK-path-2", 5, null))).isTrue();
        // A retransmission matches the transaction: not merged.
        assertThat(h.layer.isMerged(options)).isFalse();
        // Another CSeq, or a To tag (an in-dialog request), is no merge.
        assertThat(h.layer.isMerged(incoming("OPTIONS", "UDP", "z9hG4bK-path-2", 6, null))).isFalse();
        assertThat(h.layer.isMerged(incoming("OPTIONS", "UDP", "z9hG4bK-path-2", 5, "t"))).isFalse();
    }

    @Test
    void theSameBranchFromAnotherSentByIsAnotherTransaction() {
        h.layer.createServer(incoming("OPTIONS", "UDP", "z9hG4bK-same", 1, null), BOB);
        SipRequest elsewhere = (SipRequest) TransactionHarness.parse(
                TransactionHarness.incoming("OPTIONS", "UDP", "z9hG4bK-same", 1, null).startLine() + "\n"
                        + "Via: SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bK-same\n"
                        + "From: <sip:carol@example.org>;tag=carol\n"
                        + "To: <sip:candor@192.0.2.1>\n"
                        + "Call-ID: other@192.0.2.99\n"
                        + "CSeq: 1 OPTIONS\n");

        // §17.2.3: "the sent-by value in the top Via of the request is equal to the one in the request
        // that created the transaction" — a branch is only unique per sender.
        assertThat(h.layer.receiveRequest(elsewhere)).isFalse();
    }
}
