package dev.candor.telephony.sip.auth;

import dev.candor.telephony.sip.message.DigestChallenge;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.SipResponse;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of Digest (RFC 3261 §22.2-22.3): picks the best challenge Candor can answer from a
 * 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) and computes the credentials for a request.
 * SHA-256 is preferred to MD5 (RFC 8760 §2.4); challenges with an unknown algorithm or without
 * qop=auth (the obsolete RFC 2069 form) are skipped.
 */
public final class DigestClient {
    private final String username;
    private final String password;
    private final RandomGenerator random;

    /**
     * @param username the user name at the trunk
     * @param password the password; kept in memory only, never logged (see {@link #toString()})
     */
    public DigestClient(String username, String password, RandomGenerator random) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The header that carries challenges in {@code response}: WWW-Authenticate for 401, Proxy-Authenticate for 407. */
    public static String challengeHeader(int status) {
        return status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
    }

    /** The header that carries the answer to a {@code status} challenge. */
    public static String credentialsHeader(int status) {
        return status == 407 ? "Proxy-Authorization" : "Authorization";
    }

    /** The challenge to answer in a 401 or 407, if any is acceptable. */
    public static Optional<DigestChallenge> chooseChallenge(SipResponse response) {
        List<String> values = response.headers().all(challengeHeader(response.statusCode()));
        DigestChallenge best = null;
        DigestAlgorithm bestAlgorithm = null;
        for (String value : values) {
            Optional<DigestChallenge> challenge = DigestChallenge.parse(value).value();
            if (challenge.isEmpty() || !challenge.get().offersQopAuth()) {
                continue;
            }
            Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromWire(challenge.get().algorithm());
            if (algorithm.isPresent() && (bestAlgorithm == null || algorithm.get().ordinal() < bestAlgorithm.ordinal())) {
                best = challenge.get();
                bestAlgorithm = algorithm.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The credentials for {@code method} to {@code uri} under {@code challenge}, with nonce count
     * {@code nc} (1 for the first request with this nonce).
     */
    public DigestCredentials answer(DigestChallenge challenge, String method, String uri, long nc) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromWire(challenge.algorithm())
                .orElseThrow(() -> new IllegalArgumentException("unsupported algorithm: " + challenge.algorithm()));
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String cnonce = HexFormat.of().formatHex(bytes);
        String ncText = String.format("%08x", nc);
        String ha1 = algorithm.ha1(username, challenge.realm(), password);
        String response = algorithm.response(ha1, challenge.nonce(), ncText, cnonce, method, uri);
        return new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, response,
                algorithm.wireName(), cnonce, challenge.opaque(), "auth", nc);
    }

    public String username() {
        return username;
    }

    @Override
    public String toString() {
        return "DigestClient[username=" + username + ", password=****]";
    }
}
