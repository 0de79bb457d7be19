package dev.candor.telephony.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

/** Transaction matching, RFC 3261 §17.1.3 and §17.2.3. */
class TransactionKeyTest {

    private static SipRequest rfc2543(String method, String cseqMethod, String toTag) {
        return (SipRequest) TransactionHarness.parse(method + " sip:candor@192.0.2.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.30:5060\n"
                + "From: <sip:old@example.org>;tag=old-tag\n"
                + "To: <sip:candor@192.0.2.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: legacy@192.0.2.30\n"
                + "CSeq: 7 " + cseqMethod + "\n");
    }

    @Test
    void anAckMatchesItsInvitesServerTransactionAndACancelItsOwn() {
        SipRequest invite = TransactionHarness.incoming("INVITE", "UDP", "z9hG4bK-k1", 1, null);
        SipRequest ack = TransactionHarness.incoming("ACK", "UDP", "z9hG4bK-k1", 1, "cand-tag");
        SipRequest cancel = TransactionHarness.incoming("CANCEL", "UDP", "z9hG4bK-k1", 1, null);

        // "The method of the request matches the one that created the transaction, except for ACK,
        // where the method of the request that created the transaction is INVITE."
        assertThat(TransactionKey.forServer(ack)).isEqualTo(TransactionKey.forServer(invite));
        assertThat(TransactionKey.forServer(cancel)).isNotEqualTo(TransactionKey.forServer(invite));
        assertThat(TransactionKey.forServer(cancel, SipMethod.INVITE)).isEqualTo(TransactionKey.forServer(invite));
    }

    @Test
    void rfc2543RequestsWithoutTheMagicCookieMatchByTheirHeaders() {
        SipRequest invite = rfc2543("INVITE", "INVITE", null);
        SipRequest ackOfFailure = rfc2543("ACK", "ACK", "cand-tag");

        // §17.2.3: without the cookie, Request-URI, From tag, Call-ID, CSeq and top Via decide; the ACK
        // of a non-2xx carries the To tag of the response and still belongs to the INVITE.
        assertThat(TransactionKey.forServer(ackOfFailure)).isEqualTo(TransactionKey.forServer(invite));
        assertThat(TransactionKey.forServer(rfc2543("INVITE", "INVITE", null)))
                .isEqualTo(TransactionKey.forServer(invite));
        assertThat(TransactionKey.forServer(rfc2543("OPTIONS", "OPTIONS", null)))
                .isNotEqualTo(TransactionKey.forServer(invite));
    }

    @Test
    void aResponseMatchesByBranchAndCSeqMethod() {
        SipRequest cancel = TransactionHarness.request("CANCEL", "UDP", "z9hG4bK-k2");
        SipRequest invite = TransactionHarness.request("INVITE", "UDP", "z9hG4bK-k2");

        assertThat(TransactionKey.ofResponse(TransactionHarness.response(cancel, 200, "t")))
                .contains(TransactionKey.forClient(cancel))
                .isNotEqualTo(java.util.Optional.of(TransactionKey.forClient(invite)));
    }
}
