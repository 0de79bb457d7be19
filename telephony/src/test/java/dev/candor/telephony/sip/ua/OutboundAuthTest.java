package dev.candor.telephony.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.sip.auth.DigestAlgorithm;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipUri;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 3261 §22.2-22.3: Candor's INVITE through a trunk that challenges with 401 or 407. */
class OutboundAuthTest {
    private static final InetSocketAddress TRUNK = new InetSocketAddress("192.0.2.30", 5060);
    private static final SipUri CALLEE = SipUri.of("sip:+15550100@192.0.2.30");

    private final UaHarness h = new UaHarness();
    private final RecordingListener listener = new RecordingListener();

    private static String challenge(SipRequest request, int status, String header, String stale) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " Authentication Required\n");
        for (String via : request.headers().all("Via")) {
            b.append("Via: ").append(via).append('\n');
        }
        return b.append("From: ").append(request.from()).append('\n')
                .append("To: ").append(request.to()).append(";tag=trunk\n")
                .append("Call-ID: ").append(request.callId()).append('\n')
                .append("CSeq: ").append(request.cseq()).append('\n')
                .append(header).append(": Digest realm=\"trunk\", nonce=\"n-").append(request.cseq().sequence())
                .append("\", algorithm=MD5, qop=\"auth\"").append(stale).append('\n')
                .append(header).append(": Digest realm=\"trunk\", nonce=\"n-").append(request.cseq().sequence())
                .append("\", algorithm=SHA-256, qop=\"auth\"").append(stale).append("\n\n")
                .toString();
    }

    @Test
    void proxyChallenge407IsAckedAndTheInviteSentAgainWithProxyAuthorization() {
        h.ua.setTrunkCredentials(new DigestClient("candor", "trunk-secret", new Random(5)));
        h.ua.placeCall(CALLEE, TRUNK, "candor", listener, Duration.ofSeconds(30));
        SipRequest first = h.transport.lastRequest(SipMethod.INVITE);

        h.receive(challenge(first, 407, "Proxy-Authenticate", ""), TRUNK);

        SipRequest ack = h.transport.lastRequest(SipMethod.ACK);
        assertThat(ack.topVia().branch()).isEqualTo(first.topVia().branch());
        assertThat(ack.cseq().sequence()).isEqualTo(1);
        SipRequest second = h.transport.lastRequest(SipMethod.INVITE);
        assertThat(second.cseq().sequence()).isEqualTo(2);
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(second.from().tag()).isEqualTo(first.from().tag());
        assertThat(second.topVia().branch()).isNotEqualTo(first.topVia().branch());
        DigestCredentials credentials = DigestCredentials.parse(
                second.headers().first("Proxy-Authorization").orElseThrow()).orElseThrow();
        assertThat(credentials.algorithmName()).isEqualTo("SHA-256");
        String ha1 = DigestAlgorithm.SHA_256.ha1("candor", "trunk", "trunk-secret");
        assertThat(credentials.response()).isEqualTo(DigestAlgorithm.SHA_256.response(ha1, "n-1",
                credentials.ncText(), credentials.cnonce(), "INVITE", CALLEE.toString()));
        assertThat(second.headers().contains("Authorization")).isFalse();
        assertThat(h.transport.all().toString()).doesNotContain("trunk-secret");
    }

    @Test
    void retransmitted401ForTheFirstInviteIsOnlyAckedAgain() {
        h.ua.setTrunkCredentials(new DigestClient("candor", "trunk-secret", new Random(5)));
        h.ua.placeCall(CALLEE, TRUNK, "candor", listener, Duration.ofSeconds(30));
        SipRequest first = h.transport.lastRequest(SipMethod.INVITE);
        String challenge = challenge(first, 401, "WWW-Authenticate", "");
        h.receive(challenge, TRUNK);
        int invitesAfterChallenge = h.transport.requests(SipMethod.INVITE).size();
        int acks = h.transport.requests(SipMethod.ACK).size();

        h.receive(challenge, TRUNK);

        assertThat(h.transport.requests(SipMethod.INVITE)).hasSize(invitesAfterChallenge);
        assertThat(h.transport.requests(SipMethod.ACK)).hasSize(acks + 1);
        assertThat(h.transport.lastRequest(SipMethod.INVITE).headers().first("Authorization")).isPresent();
    }

    @Test
    void secondChallengeThatIsNotStaleFailsTheCallInsteadOfLooping() {
        h.ua.setTrunkCredentials(new DigestClient("candor", "wrong", new Random(5)));
        var leg = h.ua.placeCall(CALLEE, TRUNK, "candor", listener, Duration.ofSeconds(30));
        h.receive(challenge(h.transport.lastRequest(SipMethod.INVITE), 401, "WWW-Authenticate", ""), TRUNK);

        h.receive(challenge(h.transport.lastRequest(SipMethod.INVITE), 401, "WWW-Authenticate", ""), TRUNK);

        assertThat(h.transport.requests(SipMethod.INVITE).stream().map(s -> s.request().cseq().sequence()).distinct())
                .containsExactly(1L, 2L);
        assertThat(leg.state()).isEqualTo(CallState.ENDED);
        assertThat(listener.events).contains("ended:" + EndReason.REJECTED);
    }

    @Test
    void staleSecondChallengeIsAnsweredWithTheNewNonce() {
        h.ua.setTrunkCredentials(new DigestClient("candor", "trunk-secret", new Random(5)));
        h.ua.placeCall(CALLEE, TRUNK, "candor", listener, Duration.ofSeconds(30));
        h.receive(challenge(h.transport.lastRequest(SipMethod.INVITE), 401, "WWW-Authenticate", ""), TRUNK);

        h.receive(challenge(h.transport.lastRequest(SipMethod.INVITE), 401, "WWW-Authenticate", ", stale=true"), TRUNK);

        SipRequest third = h.transport.lastRequest(SipMethod.INVITE);
        assertThat(third.cseq().sequence()).isEqualTo(3);
        assertThat(DigestCredentials.parse(third.headers().first("Authorization").orElseThrow()).orElseThrow().nonce())
                .isEqualTo("n-2");
    }

    @Test
    void withoutCredentialsA401EndsTheCall() {
        var leg = h.ua.placeCall(CALLEE, TRUNK, "candor", listener, Duration.ofSeconds(30));

        h.receive(challenge(h.transport.lastRequest(SipMethod.INVITE), 401, "WWW-Authenticate", ""), TRUNK);

        assertThat(h.transport.requests(SipMethod.INVITE)).hasSize(1);
        assertThat(leg.state()).isEqualTo(CallState.ENDED);
    }
}
