package dev.candor.telephony.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.DigestChallenge;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.SipHeader;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The registrar as a pure function of REGISTERs and virtual time (RFC 3261 §10.3, RFC 7616). */
class RegistrarTest {
    private static final String REALM = "candor";
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.10", 5062);
    private static final InetSocketAddress SCANNER = new InetSocketAddress("198.51.100.66", 5060);

    private final VirtualClock clock = new VirtualClock();
    private final Registrar registrar = new Registrar(RegistrarSettings.defaults(REALM),
            List.of(StoredCredential.fromPassword("alice", REALM, "correct horse")), clock, new Random(3));

    static SipRequest register(String user, long cseq, String callId) {
        return register(user, cseq, callId, "<sip:" + user + "@192.0.2.10:5062>", "3600");
    }

    static SipRequest register(String user, long cseq, String callId, String contact, String expires) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.REGISTER, SipUri.of("sip:candor.example"))
                .header("Via", "SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-" + callId + "-" + cseq)
                .header("Max-Forwards", "70")
                .header("From", "<sip:" + user + "@candor.example>;tag=f" + callId)
                .header("To", "<sip:" + user + "@candor.example>")
                .header("Call-ID", callId)
                .header("CSeq", cseq + " REGISTER");
        if (contact != null) {
            b.header("Contact", contact);
        }
        if (expires != null) {
            b.header("Expires", expires);
        }
        return b.build();
    }

    /** Sends {@code request}; on 401 answers the challenge as {@code password} would, with nonce count {@code nc}. */
    private SipResponse registerAs(SipRequest request, String password, InetSocketAddress from) {
        SipResponse challenge = registrar.handle(request, from);
        assertThat(challenge.statusCode()).isEqualTo(401);
        return registrar.handle(withCredentials(request, challenge, password, 1), from);
    }

    private static SipRequest withCredentials(SipRequest request, SipResponse challenge, String password, long nc) {
        DigestChallenge chosen = DigestClient.chooseChallenge(challenge).orElseThrow();
        String user = request.to().uri().user();
        DigestCredentials answer = new DigestClient(user, password, new Random(nc))
                .answer(chosen, "REGISTER", request.requestUri().toString(), nc);
        return request.withHeaders(request.headers().with("Authorization", answer.toString()));
    }

    @Test
    void registerWithoutCredentialsIsChallengedWithSha256ThenMd5() {
        SipResponse response = registrar.handle(register("alice", 1, "c1"), PHONE);

        assertThat(response.statusCode()).isEqualTo(401);
        List<String> challenges = response.headers().all("WWW-Authenticate");
        assertThat(challenges).hasSize(2);
        assertThat(DigestChallenge.parse(challenges.get(0)).orElseThrow().algorithmName()).isEqualTo("SHA-256");
        assertThat(DigestChallenge.parse(challenges.get(1)).orElseThrow().algorithmName()).isEqualTo("MD5");
        assertThat(response.to().tag()).isPresent();
    }

    @Test
    void correctPasswordRegistersTheContactAndLookupFindsIt() {
        SipResponse ok = registerAs(register("alice", 1, "c1"), "correct horse", PHONE);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().all("Contact")).containsExactly("<sip:alice@192.0.2.10:5062>;expires=3600");
        List<Binding> bindings = registrar.lookup("alice");
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).contact()).isEqualTo(SipUri.of("sip:alice@192.0.2.10:5062"));
        assertThat(bindings.get(0).source()).isEqualTo(PHONE);
        assertThat(registrar.registeredUsers()).containsExactly("alice");
    }

    @Test
    void md5OnlyClientsRegisterToo() {
        SipRequest request = register("alice", 1, "c1");
        SipResponse challenge = registrar.handle(request, PHONE);
        SipResponse md5Only = SipResponse.to(request, 401).withHeader("WWW-Authenticate",
                challenge.headers().all("WWW-Authenticate").get(1));

        SipResponse ok = registrar.handle(withCredentials(request, md5Only, "correct horse", 1), PHONE);

        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownUserGetsExactlyTheResponseOfAKnownUserWithAWrongPassword() {
        SipResponse wrongPassword = registerAs(register("alice", 1, "c1"), "wrong", SCANNER);
        SipResponse unknownUser = registerAs(register("mallory", 1, "c1"), "wrong", SCANNER);

        assertThat(wrongPassword.statusCode()).isEqualTo(403);
        assertThat(unknownUser.statusCode()).isEqualTo(wrongPassword.statusCode());
        assertThat(unknownUser.reasonPhrase()).isEqualTo(wrongPassword.reasonPhrase());
        assertThat(namesOf(unknownUser)).isEqualTo(namesOf(wrongPassword));
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
        assertThat(registrar.lookup("alice")).isEmpty();
    }

    @Test
    void replayedNonceCountIsRefusedAndAHigherOneAccepted() {
        SipRequest first = register("alice", 1, "c1");
        SipResponse challenge = registrar.handle(first, PHONE);
        SipRequest authenticated = withCredentials(first, challenge, "correct horse", 1);
        assertThat(registrar.handle(authenticated, PHONE).statusCode()).isEqualTo(200);

        SipRequest replay = authenticated.withHeaders(authenticated.headers()
                .replacing("CSeq", "2 REGISTER").replacing("Via", "SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-r2"));
        assertThat(registrar.handle(replay, SCANNER).statusCode()).isEqualTo(403);

        SipRequest refresh = withCredentials(register("alice", 3, "c1"), challenge, "correct horse", 2);
        assertThat(registrar.handle(refresh, PHONE).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredNonceGetsAFreshChallengeMarkedStale() {
        SipRequest request = register("alice", 1, "c1");
        SipResponse challenge = registrar.handle(request, PHONE);
        clock.advance(Duration.ofMinutes(6));

        SipResponse response = registrar.handle(withCredentials(request, challenge, "correct horse", 1), PHONE);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(DigestChallenge.parse(response.headers().all("WWW-Authenticate").get(0)).orElseThrow().stale())
                .isTrue();
    }

    @Test
    void forgedNonceIsRefused() {
        SipRequest request = register("alice", 1, "c1");
        SipResponse challenge = registrar.handle(request, PHONE);
        String forged = challenge.headers().all("WWW-Authenticate").get(0)
                .replaceFirst("nonce=\"[0-9a-f]", "nonce=\"f");
        if (forged.equals(challenge.headers().all("WWW-Authenticate").get(0))) {
            forged = forged.replaceFirst("nonce=\"f", "nonce=\"0");
        }
        SipResponse forgedChallenge = SipResponse.to(request, 401).withHeader("WWW-Authenticate", forged);

        assertThat(registrar.handle(withCredentials(request, forgedChallenge, "correct horse", 1), PHONE).statusCode())
                .isEqualTo(403);
    }

    @Test
    void sourceThatFailsTooOftenIsRefusedEvenWithTheRightPasswordUntilTheBanEnds() {
        SipRequest later = register("alice", 20, "guess");
        SipResponse challengeBeforeBan = registrar.handle(later, SCANNER);
        for (int i = 0; i < 11; i++) {
            assertThat(registerAs(register("alice", i + 1, "guess"), "guess" + i, SCANNER).statusCode()).isEqualTo(403);
        }

        assertThat(registrar.handle(withCredentials(later, challengeBeforeBan, "correct horse", 1), SCANNER)
                .statusCode()).isEqualTo(403);
        assertThat(registrar.handle(register("alice", 21, "guess"), SCANNER).statusCode()).isEqualTo(403);
        assertThat(registerAs(register("alice", 1, "c1"), "correct horse", PHONE).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(6));
        assertThat(registerAs(register("alice", 22, "guess"), "correct horse", SCANNER).statusCode()).isEqualTo(200);
    }

    @Test
    void bindingsExpireAndExpiresZeroRemovesThem() {
        registerAs(register("alice", 1, "c1", "<sip:alice@192.0.2.10:5062>", "120"), "correct horse", PHONE);
        clock.advance(Duration.ofSeconds(119));
        assertThat(registrar.lookup("alice")).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(registrar.lookup("alice")).isEmpty();

        registerAs(register("alice", 2, "c1"), "correct horse", PHONE);
        SipResponse removed = registerAs(register("alice", 3, "c1", "*", "0"), "correct horse", PHONE);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(registrar.lookup("alice")).isEmpty();
    }

    @Test
    void tooBriefIntervalGets423WithMinExpiresAndLongOnesAreShortened() {
        SipResponse brief = registerAs(register("alice", 1, "c1", "<sip:alice@192.0.2.10:5062>", "10"),
                "correct horse", PHONE);
        assertThat(brief.statusCode()).isEqualTo(423);
        assertThat(brief.headers().first("Min-Expires")).contains("60");

        SipResponse ok = registerAs(register("alice", 2, "c1", "<sip:alice@192.0.2.10:5062>;expires=999999", null),
                "correct horse", PHONE);
        assertThat(ok.headers().all("Contact")).containsExactly("<sip:alice@192.0.2.10:5062>;expires=3600");
    }

    @Test
    void outOfOrderRefreshInTheSameCallIdIsRefused() {
        registerAs(register("alice", 5, "c1"), "correct horse", PHONE);

        assertThat(registerAs(register("alice", 4, "c1"), "correct horse", PHONE).statusCode()).isEqualTo(500);
    }

    @Test
    void credentialsOfOneUserCannotRegisterAnother() {
        StoredCredential bob = StoredCredential.fromPassword("bob", REALM, "bobs");
        Registrar two = new Registrar(RegistrarSettings.defaults(REALM),
                List.of(StoredCredential.fromPassword("alice", REALM, "correct horse"), bob), clock, new Random(4));
        SipRequest asBob = register("bob", 1, "c9");
        SipResponse challenge = two.handle(asBob, PHONE);
        DigestCredentials aliceAnswer = new DigestClient("alice", "correct horse", new Random(1))
                .answer(DigestClient.chooseChallenge(challenge).orElseThrow(), "REGISTER", "sip:candor.example", 1);

        SipResponse response = two.handle(asBob.withHeaders(asBob.headers().with("Authorization",
                aliceAnswer.toString())), PHONE);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(two.lookup("bob")).isEmpty();
    }

    @Test
    void storedCredentialKeepsNoPassword() {
        StoredCredential c = StoredCredential.fromPassword("alice", REALM, "correct horse");

        assertThat(c.ha1().get(DigestAlgorithm.SHA_256)).hasSize(64).doesNotContain("correct");
        assertThat(c.toString()).doesNotContain(c.ha1().get(DigestAlgorithm.MD5));
    }

    private static List<String> namesOf(SipResponse response) {
        return response.headers().asList().stream().map(SipHeader::name).toList();
    }

    private static final class VirtualClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
