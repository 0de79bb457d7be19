package dev.candor.telephony.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.DigestChallenge;
import dev.candor.telephony.sip.message.DigestCredentials;
import org.junit.jupiter.api.Test;

/** The hashes against RFC 7616 §3.9.1, and the Digest header grammar (RFC 7616 §3.3, §3.4). */
class DigestTest {
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc7616ExampleResponseWithMd5() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life");

        assertThat(DigestAlgorithm.MD5.response(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616ExampleResponseWithSha256() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life");

        assertThat(DigestAlgorithm.SHA_256.response(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void challengeWithEscapedQuoteInRealmParsesAndRoundTrips() {
        String text = "Digest realm=\"a \\\"b\\\" c\",  nonce=\"n1\",opaque=\"o\", algorithm=SHA-256,\r\n qop=\"auth,auth-int\"";

        DigestChallenge challenge = DigestChallenge.parse(text).orElseThrow();

        assertThat(challenge.realm()).isEqualTo("a \"b\" c");
        assertThat(challenge.offersQopAuth()).isTrue();
        assertThat(challenge.algorithmName()).isEqualTo("SHA-256");
        assertThat(DigestChallenge.parse(challenge.toString()).orElseThrow()).isEqualTo(challenge);
    }

    @Test
    void challengeParamNamesAreCaseInsensitiveAndAbsentAlgorithmMeansMd5() {
        DigestChallenge challenge = DigestChallenge.parse("digest REALM=\"r\", Nonce=\"n\", STALE=TRUE").orElseThrow();

        assertThat(challenge.algorithmName()).isEqualTo("MD5");
        assertThat(challenge.stale()).isTrue();
        assertThat(challenge.offersQopAuth()).isFalse();
    }

    @Test
    void malformedChallengesAreErrorValues() {
        assertThat(DigestChallenge.parse("Basic realm=\"r\"").isOk()).isFalse();
        assertThat(DigestChallenge.parse("Digest realm=\"r").isOk()).isFalse();
        assertThat(DigestChallenge.parse("Digest realm=\"r\", realm=\"s\", nonce=n").isOk()).isFalse();
        assertThat(DigestChallenge.parse("Digest nonce=\"n\"").isOk()).isFalse();
        assertThat(DigestChallenge.parse("Digest realm=\"r\" nonce=\"n\"").isOk()).isFalse();
    }

    @Test
    void credentialsRoundTripAndNcIsEightHexDigits() {
        String text = "Digest username=\"alice\", realm=\"candor\", nonce=\"abc\", uri=\"sip:candor.example\", "
                + "response=\"0123\", algorithm=SHA-256, cnonce=\"c\", opaque=\"o\", qop=auth, nc=0000000a";

        DigestCredentials credentials = DigestCredentials.parse(text).orElseThrow();

        assertThat(credentials.nc()).isEqualTo(10);
        assertThat(credentials.toString()).isEqualTo(text);
        assertThat(DigestCredentials.parse(text.replace("nc=0000000a", "nc=10")).isOk()).isFalse();
        assertThat(DigestCredentials.parse(text.replace("response=\"0123\", ", "")).isOk()).isFalse();
    }

    @Test
    void clientPrefersSha256AndItsAnswerVerifies() {
        DigestClient client = new DigestClient("alice", "s3cret", new java.util.Random(1));
        var response = dev.candor.telephony.sip.message.SipResponse.to(RegistrarTest.register("alice", 1, "a1"), 401)
                .withHeader("WWW-Authenticate", "Digest realm=\"candor\", nonce=\"n\", algorithm=MD5, qop=\"auth\"")
                .withHeader("WWW-Authenticate", "Digest realm=\"candor\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\"");

        DigestChallenge chosen = DigestClient.chooseChallenge(response).orElseThrow();
        DigestCredentials answer = client.answer(chosen, "REGISTER", "sip:candor.example", 1);

        assertThat(chosen.algorithmName()).isEqualTo("SHA-256");
        String ha1 = DigestAlgorithm.SHA_256.ha1("alice", "candor", "s3cret");
        assertThat(answer.response()).isEqualTo(DigestAlgorithm.SHA_256.response(ha1, "n", "00000001",
                answer.cnonce(), "REGISTER", "sip:candor.example"));
        assertThat(client.toString()).doesNotContain("s3cret");
    }
}
