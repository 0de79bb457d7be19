package dev.candor.telephony.sip.ua;

import static dev.candor.telephony.sip.ua.UaHarness.OFFER_PCMU_PCMA;
import static dev.candor.telephony.sip.ua.UaHarness.inDialog;
import static dev.candor.telephony.sip.ua.UaHarness.invite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** An established inbound dialog: BYE either way and INFO DTMF (RFC 3261 §12, §15). */
class DialogTest {
    private static final String CALL = "dialog@192.0.2.10";

    private final UaHarness h = new UaHarness();
    private String toTag;
    private byte[] answerSdp;
    private CallLeg leg;

    @BeforeEach
    void establish() {
        // Alice's Contact is on another port than her Via: in-dialog requests must use the Contact.
        h.receive(invite(CALL, "z9hG4bK-inv", OFFER_PCMU_PCMA)
                .replace("Contact: <sip:alice@192.0.2.10:5062>", "Contact: <sip:alice@192.0.2.11:5070>"));
        leg = h.onlyIncomingLeg();
        leg.answer();
        toTag = h.transport.lastResponse(200).to().tag().orElseThrow();
        answerSdp = h.transport.lastResponse(200).body();
        h.receive(inDialog("ACK", 1, CALL, "z9hG4bK-ack", toTag));
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
        h.transport.clear();
    }

    @Test
    void reInviteIsAnsweredAndIts200RetransmittedUntilTheAckWhileRetransmittedReInvitesAreAbsorbed() {
        String hold = inDialog("INVITE", 2, CALL, "z9hG4bK-reinv", toTag)
                + "Contact: <sip:alice@192.0.2.11:5070>\nContent-Type: application/sdp\n\n"
                + OFFER_PCMU_PCMA.replace("a=ptime:20\n", "a=sendonly\na=ptime:20\n");
        h.receive(hold);
        SipResponse ok = h.transport.lastResponse(200);
        assertThat(ok.cseq().sequence()).isEqualTo(2);
        assertThat(new String(ok.body(), java.nio.charset.StandardCharsets.US_ASCII)).contains("a=recvonly");

        // RFC 6026 §7.1: the re-INVITE's transaction is Accepted and absorbs its retransmissions ...
        h.receive(hold);
        assertThat(h.transport.responses(200)).hasSize(1);
        // ... while the UAS core retransmits the 2xx at T1, 2T1 ... until the ACK (§13.3.1.4).
        h.scheduler.advance(Duration.ofMillis(1_600));
        assertThat(h.transport.responses(200).stream().map(s -> s.at().toMillis()))
                .containsExactly(0L, 500L, 1_500L);
        h.receive(inDialog("ACK", 2, CALL, "z9hG4bK-reack", toTag));
        h.scheduler.advance(Duration.ofSeconds(40));
        assertThat(h.transport.responses(200)).hasSize(3);
        assertThat(h.transport.requests(SipMethod.BYE)).isEmpty();
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void byeFromTheCallerGets200AndEndsTheLeg() {
        h.receive(inDialog("BYE", 2, CALL, "z9hG4bK-bye", toTag));

        // §15.1.2: "the UAS MUST ... generate a 2xx response to the BYE".
        assertThat(h.transport.lastResponse(200).cseq().method()).isEqualTo(SipMethod.BYE);
        assertThat(h.listener.events()).containsExactly("established", "ended:REMOTE_HANGUP");
        assertThat(leg.state()).isEqualTo(CallState.ENDED);
        assertThat(h.media.last().closed).isTrue();
        assertThat(h.ua.activeLegs()).isZero();
    }

    @Test
    void byeWithAWrongToTagGets481AndLeavesTheCallUp() {
        h.receive(inDialog("BYE", 2, CALL, "z9hG4bK-bye", "someone-else"));

        assertThat(h.transport.lastResponse(481)).isNotNull();
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void hangupSendsByeInTheDialogToTheContactAndRetransmitsUntil200() {
        leg.hangup();

        List<FakeTransport.Sent> byes = h.transport.requests(SipMethod.BYE);
        assertThat(byes).hasSize(1);
        SipRequest bye = byes.get(0).request();
        // §12.2.1.1: the request URI is the remote target (Contact); From/To carry the dialog's tags.
        assertThat(bye.requestUri().toString()).isEqualTo("sip:alice@192.0.2.11:5070");
        assertThat(byes.get(0).destination()).isEqualTo(new InetSocketAddress("192.0.2.11", 5070));
        assertThat(bye.from().tag()).contains(toTag);
        assertThat(bye.to().tag()).contains("alice-tag");
        assertThat(bye.callId()).isEqualTo(CALL);
        // §12.2.1.1: "the CSeq ... MUST be incremented by one": Candor's local sequence had no request yet.
        assertThat(bye.cseq().sequence()).isEqualTo(1);
        assertThat(h.listener.events()).containsExactly("established", "ended:LOCAL_HANGUP");
        assertThat(h.ua.activeLegs()).isZero();

        // §17.1.2.2 Timer E: T1, 2T1, 4T1 ... capped at T2.
        h.scheduler.advance(Duration.ofMillis(3_600));
        assertThat(h.transport.requests(SipMethod.BYE).stream().map(s -> s.at().toMillis()))
                .containsExactly(0L, 500L, 1_500L, 3_500L);

        h.receive(okFor(bye));
        h.scheduler.advance(Duration.ofSeconds(40));
        assertThat(h.transport.requests(SipMethod.BYE)).hasSize(4);
    }

    @Test
    void secondHangupSendsNoSecondBye() {
        leg.hangup();
        h.receive(okFor(h.transport.lastRequest(SipMethod.BYE)));
        leg.hangup();

        assertThat(h.transport.requests(SipMethod.BYE)).hasSize(1);
        assertThat(h.listener.events()).containsExactly("established", "ended:LOCAL_HANGUP");
    }

    @Test
    void byeThatIsNeverAnsweredGivesUpAfter64T1() {
        leg.hangup();
        h.scheduler.advance(Duration.ofSeconds(120));

        // Timer F: 64*T1 after the first send, the transaction gives up.
        assertThat(h.transport.requests(SipMethod.BYE))
                .allSatisfy(s -> assertThat(s.at()).isLessThan(Duration.ofSeconds(32)));
    }

    @Test
    void infoWithDtmfRelayGets200AndReportsTheDigit() {
        h.receive(inDialog("INFO", 2, CALL, "z9hG4bK-info", toTag)
                + "Content-Type: application/dtmf-relay\n\nSignal=5\nDuration=160\n");

        assertThat(h.transport.lastResponse(200).cseq().method()).isEqualTo(SipMethod.INFO);
        assertThat(h.listener.events()).containsExactly("established", "dtmf:5");
    }

    @Test
    void reInviteIsAnsweredWithTheSameSdp() {
        h.receive(inDialog("INVITE", 2, CALL, "z9hG4bK-reinv", toTag) + "Content-Type: application/sdp\n\n"
                + OFFER_PCMU_PCMA);

        // §14.2: with no change to the session, the answer is the previous SDP (same o= version).
        SipResponse ok = h.transport.lastResponse(200);
        assertThat(ok.cseq().method()).isEqualTo(SipMethod.INVITE);
        assertThat(ok.body()).isEqualTo(answerSdp);
        assertThat(leg.state()).isEqualTo(CallState.ESTABLISHED);
    }

    private static String okFor(SipRequest request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\n");
        for (String via : request.headers().all("Via")) {
            b.append("Via: ").append(via).append('\n');
        }
        return b.append("From: ").append(request.from()).append('\n')
                .append("To: ").append(request.to()).append('\n')
                .append("Call-ID: ").append(request.callId()).append('\n')
                .append("CSeq: ").append(request.cseq()).append('\n')
                .toString();
    }
}
