package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.ALICE;
import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.inDialog;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.Via;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** What the user agent core answers by itself, outside any call (RFC 3261 §8.2, §11, §18.2; RFC 3581). */
class UserAgentCoreTest {
    private final UaHarness h = new UaHarness();

    private static String outOfDialog(String method, String branch, String extraHeaders) {
        return method + " sip:candor@192.0.2.1:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.org>;tag=a1\n"
                + "To: <sip:candor@192.0.2.1>\n"
                + "Call-ID: " + branch + "@192.0.2.10\n"
                + "CSeq: 1 " + method + "\n"
                + extraHeaders;
    }

    private static List<String> allow(SipResponse response) {
        return response.headers().all("Allow").stream().map(String::strip).toList();
    }

    @Test
    void optionsGets200ListingTheSupportedMethods() {
        h.receive(outOfDialog("OPTIONS", "z9hG4bK-opt", "Accept: application/sdp\n"));

        // §11.2: the response to OPTIONS SHOULD carry Allow (and Accept).
        SipResponse ok = h.transport.lastResponse(200);
        assertThat(allow(ok)).contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS");
        assertThat(ok.headers().first("Accept")).contains("application/sdp");
        assertThat(ok.topVia().branch()).contains("z9hG4bK-opt");
        assertThat(h.transport.all().get(0).destination()).isEqualTo(ALICE);
    }

    @Test
    void registerGets405WithAllow() {
        h.receive(outOfDialog("REGISTER", "z9hG4bK-reg", "Contact: <sip:alice@192.0.2.10:5062>\n"));

        // §8.2.1: 405 "MUST include an Allow header field".
        SipResponse notAllowed = h.transport.lastResponse(405);
        assertThat(allow(notAllowed)).contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS");
    }

    @Test
    void unknownMethodGets501() {
        h.receive(outOfDialog("FOO", "z9hG4bK-foo", ""));

        // §8.2.1: a method the UAS does not recognise gets 501 Not Implemented.
        assertThat(h.transport.lastResponse(501).cseq().method().name()).isEqualTo("FOO");
        assertThat(h.transport.all()).hasSize(1);
    }

    @Test
    void byeForAnUnknownDialogGets481() {
        h.receive(inDialog("BYE", 2, "nobody@192.0.2.10", "z9hG4bK-bye-x", "no-such-tag"));

        // §12.2.2: a request with a To tag that matches no dialog gets 481.
        assertThat(h.transport.lastResponse(481).cseq().method().name()).isEqualTo("BYE");
    }

    @Test
    void strayAckIsSilentlyAbsorbed() {
        h.receive(inDialog("ACK", 1, "nobody@192.0.2.10", "z9hG4bK-ack-x", "no-such-tag"));

        // §17: an ACK is never answered.
        assertThat(h.transport.all()).isEmpty();
        assertThat(h.ua.counters().strayAcks()).isEqualTo(1);
    }

    @Test
    void maxForwardsZeroGets483() {
        h.receive(invite("mf@192.0.2.10", "z9hG4bK-mf0", OFFER_PCMU_PCMA).replace("Max-Forwards: 70", "Max-Forwards: 0"));

        // §16.3 step 2 (what Candor applies to every request it receives): "483 (Too many hops)".
        assertThat(h.transport.all()).hasSize(1);
        assertThat(h.transport.lastResponse(483).cseq().method().name()).isEqualTo("INVITE");
        assertThat(h.incoming).isEmpty();
    }

    @Test
    void mergedInviteGets482() {
        h.receive(invite("merged@192.0.2.10", "z9hG4bK-path-1", OFFER_PCMU_PCMA));
        h.receive(invite("merged@192.0.2.10", "z9hG4bK-path-2", OFFER_PCMU_PCMA));

        // §8.2.2.2: same Call-ID and CSeq, no To tag, another branch: "SHOULD generate a 482".
        assertThat(h.transport.lastResponse(482).topVia().branch()).contains("z9hG4bK-path-2");
        assertThat(h.incoming).hasSize(1);
    }

    @Test
    void mergedOptionsGets482AndARetransmissionOfTheFirstGetsItsOwn200Again() {
        h.receive(outOfDialog("OPTIONS", "z9hG4bK-m1", ""));
        // The same request forked back to Candor along another path: same From tag, Call-ID and CSeq.
        h.receive(outOfDialog("OPTIONS", "z9hG4bK-m1", "").replace(";branch=z9hG4bK-m1", ";branch=z9hG4bK-m2")
                .replace("Call-ID: z9hG4bK-m2", "Call-ID: z9hG4bK-m1"));

        // §8.2.2.2: "the UAS core SHOULD generate a 482 (Loop Detected) response".
        assertThat(h.transport.lastResponse(482).topVia().branch()).contains("z9hG4bK-m2");

        // §17.2.2: a retransmission of the first matches its transaction and gets the same 200.
        h.receive(outOfDialog("OPTIONS", "z9hG4bK-m1", ""));
        assertThat(h.transport.responses(200)).hasSize(2);
        assertThat(h.transport.responses(200).get(1).message()).isEqualTo(h.transport.responses(200).get(0).message());
        assertThat(h.ua.counters().retransmissionsAbsorbed()).isEqualTo(1);
    }

    @Test
    void aStrayResponseIsCountedAndDropped() {
        h.receive("SIP/2.0 200 OK\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-never-sent\n"
                + "From: <sip:candor@192.0.2.1>;tag=x\n"
                + "To: <sip:alice@example.org>;tag=y\n"
                + "Call-ID: stray@192.0.2.1\n"
                + "CSeq: 1 OPTIONS\n");

        // §18.1.2: a response that matches no client transaction "MUST be silently discarded".
        assertThat(h.transport.all()).isEmpty();
        assertThat(h.ua.counters().strayResponses()).isEqualTo(1);
    }

    @Test
    void newInviteWithTheCallIdOfAnEndedCallButANewCSeqIsANewCall() {
        String call = "retry@192.0.2.10";
        h.receive(invite(call, "z9hG4bK-try-1", UaHarness.OFFER_G729_ONLY));
        String toTag = h.transport.lastResponse(488).to().tag().orElseThrow();
        h.receive(UaHarness.ackInTransaction(call, "z9hG4bK-try-1", toTag));
        h.transport.clear();

        // The caller retries within the same Call-ID with CSeq 2 and another offer. §8.2.2.2 calls a
        // request merged only if "the From tag, Call-ID, and CSeq exactly match" an ongoing
        // transaction: this one does not, so it is a new INVITE, not a 482.
        h.receive(invite(call, "z9hG4bK-try-2", OFFER_PCMU_PCMA).replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"));

        assertThat(h.transport.responses(482)).isEmpty();
        assertThat(h.transport.lastResponse(100)).isNotNull();
        assertThat(h.incoming).hasSize(1);
        h.onlyIncomingLeg().answer();
        assertThat(h.transport.lastResponse(200).cseq().sequence()).isEqualTo(2);

        String newTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        h.receive(inDialog("ACK", 2, call, "z9hG4bK-try-ack", newTag));
        // The first attempt's linger timer must not take the new call's dialog with it.
        h.scheduler.advance(Duration.ofSeconds(33));
        h.receive(inDialog("BYE", 3, call, "z9hG4bK-try-bye", newTag));
        assertThat(h.transport.lastResponse(200).cseq().method().name()).isEqualTo("BYE");
        assertThat(h.transport.responses(481)).isEmpty();
        assertThat(h.listener.events()).containsExactly("established", "ended:REMOTE_HANGUP");
    }

    @Test
    void retransmittedByeAfterTheDialogEndedGetsTheSame200FromTheCache() {
        String call = "cache@192.0.2.10";
        h.receive(invite(call, "z9hG4bK-inv", OFFER_PCMU_PCMA));
        h.onlyIncomingLeg().answer();
        String toTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        h.receive(inDialog("ACK", 1, call, "z9hG4bK-ack", toTag));
        h.receive(inDialog("BYE", 2, call, "z9hG4bK-bye", toTag));
        SipResponse first = h.transport.lastResponse(200);
        assertThat(first.cseq().method().name()).isEqualTo("BYE");

        // Inside Timer J (64*T1) of the BYE's server transaction.
        h.scheduler.advance(Duration.ofSeconds(31));
        h.transport.clear();
        h.receive(inDialog("BYE", 2, call, "z9hG4bK-bye", toTag));

        // §17.2.2: a retransmitted request gets the transaction's last response again.
        assertThat(h.transport.all()).hasSize(1);
        assertThat(h.transport.lastResponse(200)).isEqualTo(first);
        assertThat(h.listener.events()).containsExactly("established", "ended:REMOTE_HANGUP");
        // Answered from the response cache, not by the (lingering) ended dialog.
        assertThat(h.ua.counters().retransmissionsAbsorbed()).isEqualTo(1);
    }

    @Test
    void responseToAnRportRequestGoesToTheSourceWithReceivedAndRport() {
        InetSocketAddress natted = new InetSocketAddress("198.51.100.7", 40123);
        h.receive(outOfDialog("OPTIONS", "z9hG4bK-nat", "").replace(";branch=", ";rport;branch="), natted);

        // RFC 3581 §4: received and rport=<source port>; the response goes to the source address and port.
        FakeTransport.Sent sent = h.transport.all().get(0);
        assertThat(sent.destination()).isEqualTo(natted);
        Via via = sent.response().topVia();
        assertThat(via.received()).contains("198.51.100.7");
        assertThat(via.rport()).hasValue(40123);
        assertThat(via.branch()).contains("z9hG4bK-nat");
    }

    @Test
    void responseWithoutRportGoesToTheSourceAddressAndTheViaPort() {
        InetSocketAddress elsewhere = new InetSocketAddress("198.51.100.7", 40123);
        h.receive(outOfDialog("OPTIONS", "z9hG4bK-norport", ""), elsewhere);

        // §18.2.2: "received" names the source; the response goes there, to the port in sent-by.
        FakeTransport.Sent sent = h.transport.all().get(0);
        assertThat(sent.destination()).isEqualTo(new InetSocketAddress("198.51.100.7", 5062));
        assertThat(sent.response().topVia().received()).contains("198.51.100.7");
        assertThat(sent.response().topVia().hasRport()).isFalse();
    }

    @Test
    void inviteWithRportIsAnsweredThroughTheNat() {
        InetSocketAddress natted = new InetSocketAddress("198.51.100.7", 40123);
        h.receive(invite("nat@192.0.2.10", "z9hG4bK-natinv", OFFER_PCMU_PCMA).replace(";branch=", ";rport;branch="),
                natted);
        h.onlyIncomingLeg().answer();

        assertThat(h.transport.all()).allSatisfy(s -> assertThat(s.destination()).isEqualTo(natted));
        assertThat(h.transport.lastResponse(200).topVia().rport()).hasValue(40123);
    }
}
