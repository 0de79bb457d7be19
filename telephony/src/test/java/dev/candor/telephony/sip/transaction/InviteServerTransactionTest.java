package dev.candor.telephony.sip.transaction;

import static dev.candor.telephony.sip.transaction.TransactionHarness.BOB;
import static dev.candor.telephony.sip.transaction.TransactionHarness.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 (Figure 7) with RFC 6026 §7.1, in virtual time. */
class InviteServerTransactionTest {
    private static final String BRANCH = "z9hG4bK-ist-1";

    private final TransactionHarness h = new TransactionHarness();
    private final SipRequest invite = incoming("INVITE", "UDP", BRANCH, 1, null);

    private static SipResponse answer(SipRequest request, int status) {
        return SipResponse.to(request, status).withToTag("cand-tag");
    }

    /** The ACK of a non-2xx: the INVITE's branch, CSeq 1 ACK, the response's To tag (§17.1.1.3). */
    private static SipRequest ackInTransaction(String transport) {
        return incoming("ACK", transport, BRANCH, 1, "cand-tag");
    }

    @Test
    void sends100TryingItselfWhenTheTuIsSilentFor200Milliseconds() {
        h.layer.createServer(invite, BOB);

        // §17.2.1: "the server transaction MUST generate a 100 (Trying) response unless it knows that the
        // TU will generate a provisional or final response within 200 ms".
        h.advanceMillis(199);
        assertThat(h.sent).isEmpty();
        h.advanceMillis(1);
        assertThat(h.sendTimes("SIP/2.0 100")).containsExactly(200L);
        assertThat(h.sent.get(0).response().to().tag()).isEmpty();
        assertThat(h.sent.get(0).destination()).isEqualTo(BOB);
    }

    @Test
    void noOwn100WhenTheTuAnswersWithin200Milliseconds() {
        TransactionLayer.Server server = h.layer.createServer(invite, BOB);
        h.advanceMillis(50);
        server.respond(answer(invite, 180));

        h.advanceMillis(1_000);
        assertThat(h.sent).extracting(s -> s.message().startLine()).containsExactly("SIP/2.0 180 Ringing");
    }

    @Test
    void aRetransmittedInviteInProceedingGetsTheMostRecentProvisionalAgain() {
        TransactionLayer.Server server = h.layer.createServer(invite, BOB);
        server.respond(SipResponse.to(invite, 100));
        server.respond(answer(invite, 180));

        // "If a request retransmission is received while in the Proceeding state, the most recent
        // provisional response that was received from the TU MUST be passed to the transport layer".
        assertThat(h.layer.receiveRequest(invite)).isTrue();
        assertThat(h.sent).extracting(s -> s.message().startLine())
                .containsExactly("SIP/2.0 100 Trying", "SIP/2.0 180 Ringing", "SIP/2.0 180 Ringing");
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.PROCEEDING);
    }

    @Test
    void timerGRetransmitsTheFailureDoublingToT2AndTimerHGivesUpAt64T1() {
        TransactionLayer.Server server = h.layer.createServer(invite, BOB);
        server.respond(answer(invite, 486));
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.COMPLETED);

        // "timer G is set to fire in T1 seconds ... When timer G fires, the response is passed to the
        // transport layer once more for retransmission, and timer G is set to fire in MIN(2*T1, T2) seconds."
        h.advanceMillis(31_999);
        assertThat(h.sendTimes("SIP/2.0 486")).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L,
                15_500L, 19_500L, 23_500L, 27_500L, 31_500L);

        // "If timer H fires while in the Completed state, it implies that the ACK was never received. In
        // this case, the server transaction MUST transition to the Terminated state".
        h.advanceMillis(1);
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
        assertThat(h.layer.size()).isZero();
        h.advanceMillis(10_000);
        assertThat(h.sendTimes("SIP/2.0 486")).hasSize(11);
    }

    @Test
    void theAckStopsTimerGAndTimerIAbsorbsAckRetransmissionsForT4() {
        TransactionLayer.Server server = h.layer.createServer(invite, BOB);
        server.respond(answer(invite, 486));
        h.advanceMillis(1_600);

        // The ACK of a non-2xx matches the INVITE's transaction (§17.2.3: ACK counts as INVITE).
        assertThat(h.layer.receiveRequest(ackInTransaction("UDP"))).isTrue();
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.CONFIRMED);

        // "The purpose of the Confirmed state is to absorb any additional ACK messages".
        h.advanceMillis(1_000);
        assertThat(h.layer.receiveRequest(ackInTransaction("UDP"))).isTrue();
        assertThat(h.sendTimes("SIP/2.0 486")).containsExactly(0L, 500L, 1_500L);

        // Timer I: T4 for unreliable transports.
        h.advanceMillis(3_999);
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.CONFIRMED);
        h.advanceMillis(1);
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
        assertThat(h.layer.receiveRequest(ackInTransaction("UDP"))).isFalse();
        assertThat(h.sendTimes("SIP/2.0 486")).hasSize(3);
    }

    @Test
    void aRetransmittedInviteInCompletedGetsTheFinalResponseAgain() {
        TransactionLayer.Server server = h.layer.createServer(invite, BOB);
        server.respond(answer(invite, 603));
        h.advanceMillis(100);

        // "while in the Completed state, if a request retransmission is received, the server SHOULD pass
        // the response to the transport for retransmission."
        assertThat(h.layer.receiveRequest(invite)).isTrue();
        assertThat(h.sendTimes("SIP/2.0 603")).containsExactly(0L, 100L);
    }

    @Test
    void afterA2xxTheAcceptedStateAbsorbsInviteRetransmissionsAndPassesTheTus2xxUntilTimerL() {
        TransactionLayer.Server server = h.layer.createServer(invite, BOB);
        SipResponse ok = answer(invite, 200);
        server.respond(ok);
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.ACCEPTED);

        // RFC 6026 §7.1: "The server transaction MUST NOT generate 2xx retransmissions on its own" and
        // "Any retransmissions of the INVITE received while in the Accepted state MUST be absorbed".
        h.advanceMillis(500);
        assertThat(h.layer.receiveRequest(invite)).isTrue();
        assertThat(h.sendTimes("SIP/2.0 200")).containsExactly(0L);

        // "Any retransmission of the 2xx response passed from the TU ... MUST be passed to the transport".
        server.respond(ok);
        assertThat(h.sendTimes("SIP/2.0 200")).containsExactly(0L, 500L);
        // A failure after the 2xx is the TU's bug; nothing goes out.
        server.respond(answer(invite, 500));
        assertThat(h.sendTimes("SIP/2.0 500")).isEmpty();

        // The ACK of a 2xx has its own branch (§13.2.2.4): no transaction matches it, the core routes it.
        assertThat(h.layer.receiveRequest(incoming("ACK", "UDP", "z9hG4bK-ack-2xx", 1, "cand-tag"))).isFalse();

        // Timer L: 64 × T1.
        h.advanceMillis(31_499);
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.ACCEPTED);
        h.advanceMillis(1);
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
    }

    @Test
    void overTcpThereIsNoTimerGAndTimerIIsZeroButTimerHStillRuns() {
        SipRequest overTcp = incoming("INVITE", "TCP", BRANCH, 1, null);
        TransactionLayer.Server server = h.layer.createServer(overTcp, BOB);
        server.respond(answer(overTcp, 486));

        h.advanceMillis(10_000);
        assertThat(h.sendTimes("SIP/2.0 486")).containsExactly(0L);

        // "Timer I ... zero seconds for reliable transports".
        assertThat(h.layer.receiveRequest(ackInTransaction("TCP"))).isTrue();
        assertThat(server.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);

        TransactionHarness other = new TransactionHarness();
        TransactionLayer.Server unacked = other.layer.createServer(overTcp, BOB);
        unacked.respond(answer(overTcp, 486));
        other.advanceMillis(31_999);
        assertThat(unacked.state()).isEqualTo(InviteServerTransaction.State.COMPLETED);
        other.advanceMillis(1);
        assertThat(unacked.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
    }

    @Test
    void cancelGets200TheInviteGets487AndItsAckIsAbsorbed() {
        TransactionLayer.Server inviteServer = h.layer.createServer(invite, BOB);
        inviteServer.respond(answer(invite, 180));
        SipRequest cancel = incoming("CANCEL", "UDP", BRANCH, 1, null);

        // §9.2: the CANCEL is a transaction of its own (not a retransmission of the INVITE) ...
        assertThat(h.layer.receiveRequest(cancel)).isFalse();
        TransactionLayer.Server cancelServer = h.layer.createServer(cancel, BOB);
        // ... and finds the INVITE it cancels by the §17.2.3 rules with the method INVITE.
        TransactionKey target = TransactionKey.forServer(cancel, SipMethod.INVITE);
        assertThat(h.layer.findServer(target)).containsSame(inviteServer);
        assertThat(inviteServer.isProceeding()).isTrue();

        // "a 200 (OK) response to the CANCEL" and "the UAS SHOULD then respond to the INVITE with a 487".
        cancelServer.respond(SipResponse.to(cancel, 200).withToTag("cand-tag"));
        inviteServer.respond(answer(invite, 487));
        assertThat(h.sent).extracting(s -> s.message().startLine() + " " + s.response().cseq().method())
                .containsExactly("SIP/2.0 180 Ringing INVITE", "SIP/2.0 200 OK CANCEL",
                        "SIP/2.0 487 Request Terminated INVITE");

        // The caller's ACK of the 487 ends Timer G; a retransmitted CANCEL gets its 200 again.
        assertThat(h.layer.receiveRequest(ackInTransaction("UDP"))).isTrue();
        assertThat(h.layer.receiveRequest(cancel)).isTrue();
        h.advanceMillis(10_000);
        assertThat(h.sendTimes("SIP/2.0 487")).containsExactly(0L);
        assertThat(h.sendTimes("SIP/2.0 200")).containsExactly(0L, 0L);
        assertThat(inviteServer.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
    }
}
