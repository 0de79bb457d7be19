package dev.candor.telephony.sip.message;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Digest challenge: the value of WWW-Authenticate (401) or Proxy-Authenticate (407), RFC 7616 §3.3
 * with RFC 8760's SHA-256 for SIP.
 * <pre>
 *   Digest realm="candor", nonce="...", opaque="...", algorithm=SHA-256, qop="auth", stale=true
 * </pre>
 *
 * @param realm the protection space
 * @param nonce the server's nonce
 * @param opaque returned unchanged by the client; empty when absent
 * @param algorithm {@code MD5} or {@code SHA-256} as written (absent means MD5, RFC 7616 §3.3)
 * @param qop the qop-options as written ({@code auth}, {@code auth,auth-int}); empty when absent
 * @param stale whether the previous request was refused only because its nonce had expired
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm, String qop,
                              boolean stale) {
  public DigestChallenge {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(opaque, "opaque");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(qop, "qop");
  }

  /** For code: a qop=auth challenge. */
  public static DigestChallenge of(String realm, String nonce, String opaque, String algorithm, boolean stale) {
    return new DigestChallenge(realm, nonce, opaque, algorithm, "auth", stale);
  }

  public static ParseResult<DigestChallenge> parse(CharSequence input) {
    ParseResult<Map<String, String>> params = DigestParams.parse(input);
    if (params instanceof ParseResult.Err<Map<String, String>> err) {
      return ParseResult.err(err.failure());
    }
    Map<String, String> p = params.orElseThrow();
    if (!p.containsKey("realm") || !p.containsKey("nonce")) {
      return ParseResult.err("Digest challenge without realm or nonce", 0);
    }
    return ParseResult.ok(new DigestChallenge(p.get("realm"), p.get("nonce"), p.getOrDefault("opaque", ""),
        p.getOrDefault("algorithm", "MD5"), p.getOrDefault("qop", ""),
        p.getOrDefault("stale", "false").equalsIgnoreCase("true")));
  }

  /** Whether the server offers {@code qop=auth}. */
  public boolean offersQopAuth() {
    for (String option : qop.split(",")) {
      if (option.strip().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    return false;
  }

  /** The algorithm in upper case without surrounding space, e.g. {@code SHA-256}. */
  public String algorithmName() {
    return algorithm.strip().toUpperCase(Locale.ROOT);
  }

  public Optional<String> opaqueValue() {
    return opaque.isEmpty() ? Optional.empty() : Optional.of(opaque);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Digest realm=").append(DigestParams.quote(realm))
        .append(", nonce=").append(DigestParams.quote(nonce));
    if (!opaque.isEmpty()) {
      b.append(", opaque=").append(DigestParams.quote(opaque));
    }
    b.append(", algorithm=").append(algorithm);
    if (!qop.isEmpty()) {
      b.append(", qop=").append(DigestParams.quote(qop));
    }
    if (stale) {
      b.append(", stale=true");
    }
    return b.toString();
  }
}
