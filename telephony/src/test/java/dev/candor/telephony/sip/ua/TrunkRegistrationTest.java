package dev.candor.telephony.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.auth.DigestAlgorithm;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipUri;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.2 and §22: Candor registering at its trunk, in virtual time. */
class TrunkRegistrationTest {
    private static final InetSocketAddress TRUNK = new InetSocketAddress("192.0.2.30", 5060);
    private static final SipUri REGISTRAR = SipUri.of("sip:trunk.example.com");
    private static final TrunkRegistration.Settings SETTINGS = new TrunkRegistration.Settings(REGISTRAR, "candor",
            Duration.ofSeconds(3600), Duration.ofSeconds(5), Duration.ofSeconds(60));

    private final UaHarness h = new UaHarness();
    private final InstantSource clock = () -> Instant.EPOCH.plus(h.scheduler.now());
    private TrunkRegistration registration;

    @BeforeEach
    void credentials() {
        h.ua.setTrunkCredentials(new DigestClient("candor", "trunk-secret", new Random(5)));
    }

    private SipRequest lastRegister() {
        return h.transport.lastRequest(SipMethod.REGISTER);
    }

    private int registers() {
        return h.transport.requests(SipMethod.REGISTER).size();
    }

    private static String response(SipRequest request, int status, String reason, String... extra) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (String via : request.headers().all("Via")) {
            b.append("Via: ").append(via).append('\n');
        }
        b.append("From: ").append(request.from()).append('\n')
                .append("To: ").append(request.to()).append(";tag=reg\n")
                .append("Call-ID: ").append(request.callId()).append('\n')
                .append("CSeq: ").append(request.cseq()).append('\n');
        for (String header : extra) {
            b.append(header).append('\n');
        }
        return b.append('\n').toString();
    }

    private static String challenge(SipRequest request, boolean stale) {
        return response(request, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"trunk\", nonce=\"n-"
                + request.cseq().sequence() + "\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : ""));
    }

    private void registerAndAccept(String... okHeaders) {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        h.receive(challenge(lastRegister(), false), TRUNK);
        h.receive(response(lastRegister(), 200, "OK", okHeaders), TRUNK);
    }

    @Test
    void registerIsChallengedThenSentAgainWithDigestCredentials() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        SipRequest first = lastRegister();
        assertThat(h.transport.requests(SipMethod.REGISTER).get(0).destination()).isEqualTo(TRUNK);
        assertThat(first.requestUri()).isEqualTo(REGISTRAR);
        assertThat(first.to().uri().toString()).isEqualTo("sip:candor@trunk.example.com");
        assertThat(first.headers().first("Expires")).contains("3600");
        assertThat(first.headers().contains("Authorization")).isFalse();
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.REGISTERING);

        h.receive(challenge(first, false), TRUNK);

        SipRequest second = lastRegister();
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(second.from().tag()).isEqualTo(first.from().tag());
        assertThat(second.cseq().sequence()).isEqualTo(2);
        assertThat(second.topVia().branch()).isNotEqualTo(first.topVia().branch());
        DigestCredentials credentials = DigestCredentials.parse(second.headers().first("Authorization").orElseThrow())
                .orElseThrow();
        String ha1 = DigestAlgorithm.MD5.ha1("candor", "trunk", "trunk-secret");
        assertThat(credentials.response()).isEqualTo(DigestAlgorithm.MD5.response(ha1, "n-1",
                credentials.ncText(), credentials.cnonce(), "REGISTER", REGISTRAR.toString()));

        h.receive(response(second, 200, "OK", "Contact: <sip:candor@192.0.2.1:5060>;expires=3600"), TRUNK);

        TrunkRegistration.Status status = registration.status();
        assertThat(status.state()).isEqualTo(TrunkRegistration.State.REGISTERED);
        assertThat(status.registeredUntil()).contains(Instant.EPOCH.plusSeconds(3600));
        assertThat(status.lastError()).isEmpty();
        assertThat(h.transport.all().toString()).doesNotContain("trunk-secret");
    }

    @Test
    void refreshGoesOutAt80PercentOfTheGrantedExpiry() {
        registerAndAccept("Contact: <sip:candor@192.0.2.1:5060>;expires=3600");
        int before = registers();

        h.scheduler.advance(Duration.ofSeconds(2879));
        assertThat(registers()).isEqualTo(before);
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(registers()).isEqualTo(before + 1);
        SipRequest refresh = lastRegister();
        assertThat(refresh.cseq().sequence()).isEqualTo(3);
        h.receive(challenge(refresh, false), TRUNK);
        h.receive(response(lastRegister(), 200, "OK", "Expires: 3600"), TRUNK);
        assertThat(registration.status().registeredUntil()).contains(Instant.EPOCH.plusSeconds(2880 + 3600));
    }

    @Test
    void theExpiryGrantedToCandorsContactWinsAndShortOnesRefresh30SecondsEarly() {
        registerAndAccept("Contact: <sip:other@192.0.2.99:5060>;expires=9999",
                "Contact: <sip:candor@192.0.2.1:5060>;expires=120", "Expires: 3600");
        assertThat(registration.status().registeredUntil()).contains(Instant.EPOCH.plusSeconds(120));
        int before = registers();
        h.scheduler.advance(Duration.ofSeconds(89));
        assertThat(registers()).isEqualTo(before);
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(registers()).isEqualTo(before + 1);
    }

    @Test
    void failuresAreRetriedWithExponentialBackoffCappedAtTheMaximum() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        long[] expectedBackoffSeconds = {5, 10, 20, 40, 60, 60};
        for (long backoff : expectedBackoffSeconds) {
            Instant failedAt = clock.instant();
            h.receive(response(lastRegister(), 403, "Forbidden"), TRUNK);
            assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.FAILED);
            assertThat(registration.status().lastError()).contains("403 Forbidden");
            assertThat(registration.status().lastErrorAt()).contains(failedAt);
            int before = registers();
            h.scheduler.advance(Duration.ofSeconds(backoff).minusMillis(1));
            assertThat(registers()).as("no retry before %d s", backoff).isEqualTo(before);
            h.scheduler.advance(Duration.ofMillis(1));
            assertThat(registers()).as("retry after %d s", backoff).isEqualTo(before + 1);
        }
        assertThat(registration.status().consecutiveFailures()).isEqualTo(6);

        h.receive(challenge(lastRegister(), false), TRUNK);
        h.receive(response(lastRegister(), 200, "OK", "Expires: 600"), TRUNK);
        assertThat(registration.status().consecutiveFailures()).isZero();
        assertThat(registration.status().lastError()).isEmpty();
        assertThat(registration.status().lastErrorAt()).isEmpty();
    }

    @Test
    void aSecondChallengeThatIsNotStaleIsAFailureNotALoop() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        h.receive(challenge(lastRegister(), false), TRUNK);
        h.receive(challenge(lastRegister(), false), TRUNK);

        assertThat(registers()).isEqualTo(2);
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.FAILED);
        assertThat(registration.status().lastError()).contains("401 Unauthorized");
    }

    @Test
    void aStaleNonceIsAnsweredAgain() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        h.receive(challenge(lastRegister(), false), TRUNK);
        h.receive(challenge(lastRegister(), true), TRUNK);
        assertThat(registers()).isEqualTo(3);
        assertThat(lastRegister().headers().first("Authorization").orElseThrow()).contains("nonce=\"n-2\"");
    }

    @Test
    void noResponseRetransmitsOnTimerEAndFailsOnTimerF() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        h.scheduler.advance(Duration.ofMillis(31_999));
        // Timer E: 0.5, 1.5, 3.5, 7.5, 11.5, ... (doubling to T2 = 4 s), all before Timer F at 32 s.
        assertThat(h.transport.requests(SipMethod.REGISTER)).extracting(FakeTransport.Sent::at)
                .startsWith(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(3500),
                        Duration.ofMillis(7500), Duration.ofMillis(11_500));
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.REGISTERING);
        h.scheduler.advance(Duration.ofMillis(1));
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.FAILED);
        assertThat(registration.status().lastError()).hasValueSatisfying(e -> assertThat(e).contains("Timer F"));
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        h.receive(response(lastRegister(), 423, "Interval Too Brief", "Min-Expires: 7200"), TRUNK);
        assertThat(lastRegister().headers().first("Expires")).contains("7200");

        h.receive(challenge(lastRegister(), false), TRUNK);
        assertThat(lastRegister().headers().contains("Authorization")).as("the challenge after 423 is answered").isTrue();
        h.receive(response(lastRegister(), 200, "OK", "Expires: 7200"), TRUNK);
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.REGISTERED);
    }

    @Test
    void stoppedRegistrationIsNotRefreshed() {
        registerAndAccept("Expires: 100");
        h.ua.stopRegistration(registration);
        int before = registers();
        h.scheduler.advance(Duration.ofHours(2));
        assertThat(registers()).isEqualTo(before);
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.STOPPED);
    }

    @Test
    void unregisterRemovesTheBindingWithExpiresZeroAnsweringOneChallenge() {
        registerAndAccept("Expires: 3600");
        var done = h.ua.unregister(registration);

        SipRequest remove = lastRegister();
        assertThat(remove.headers().first("Expires")).contains("0");
        assertThat(remove.callId()).isEqualTo(h.transport.requests(SipMethod.REGISTER).get(0).request().callId());
        assertThat(done).isNotDone();
        h.receive(challenge(remove, false), TRUNK);
        SipRequest answered = lastRegister();
        assertThat(answered.headers().contains("Authorization")).isTrue();
        assertThat(answered.headers().first("Expires")).contains("0");
        h.receive(response(answered, 200, "OK"), TRUNK);

        assertThat(done).isDone();
        assertThat(registration.status().state()).isEqualTo(TrunkRegistration.State.STOPPED);
        assertThat(registration.status().registeredUntil()).isEmpty();
        int before = registers();
        h.scheduler.advance(Duration.ofHours(2));
        assertThat(registers()).as("no refresh after unregistering").isEqualTo(before);
    }

    @Test
    void unregisterWithoutALiveBindingSendsNothing() {
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        h.receive(response(lastRegister(), 403, "Forbidden"), TRUNK);
        int before = registers();
        assertThat(h.ua.unregister(registration)).isDone();
        h.scheduler.advance(Duration.ofHours(1));
        assertThat(registers()).isEqualTo(before);
    }

    @Test
    void outboundProxyIsAPreloadedLooseRouteOnRegisterInviteAckAndCancel() {
        h.ua.setOutboundProxy(SipUri.of("sip:192.0.2.40:5070;transport=tcp"));
        registration = h.ua.registerAtTrunk(SETTINGS, TRUNK, clock);
        assertThat(lastRegister().headers().all("Route")).containsExactly("<sip:192.0.2.40:5070;transport=tcp;lr>");

        h.ua.placeCall(SipUri.of("sip:+15550100@trunk.example.com"), TRUNK, "candor", new RecordingListener(),
                Duration.ofSeconds(30));
        SipRequest invite = h.transport.lastRequest(SipMethod.INVITE);
        assertThat(invite.headers().all("Route")).containsExactly("<sip:192.0.2.40:5070;transport=tcp;lr>");
        assertThat(invite.requestUri().toString()).isEqualTo("sip:+15550100@trunk.example.com");
        h.receive(response(invite, 486, "Busy Here"), TRUNK);
        assertThat(h.transport.lastRequest(SipMethod.ACK).headers().all("Route"))
                .containsExactly("<sip:192.0.2.40:5070;transport=tcp;lr>");
    }

    @Test
    void refreshAndBackoffArithmetic() {
        assertThat(TrunkRegistration.refreshDelay(3600)).isEqualTo(Duration.ofSeconds(2880));
        assertThat(TrunkRegistration.refreshDelay(120)).isEqualTo(Duration.ofSeconds(90));
        assertThat(TrunkRegistration.refreshDelay(60)).isEqualTo(Duration.ofSeconds(30));
        assertThat(TrunkRegistration.refreshDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TrunkRegistration.backoff(1, Duration.ofSeconds(5), Duration.ofSeconds(60))).hasSeconds(5);
        assertThat(TrunkRegistration.backoff(40, Duration.ofSeconds(5), Duration.ofSeconds(60))).hasSeconds(60);
    }
}
