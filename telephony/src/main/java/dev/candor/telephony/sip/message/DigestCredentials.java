package dev.candor.telephony.sip.message;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Digest credentials: the value of Authorization or Proxy-Authorization, RFC 7616 §3.4 as used by
 * SIP (RFC 3261 §22.4, RFC 8760).
 * <pre>
 *   Digest username="alice", realm="candor", nonce="...", uri="sip:candor.example",
 *     response="...", algorithm=SHA-256, cnonce="...", opaque="...", qop=auth, nc=00000001
 * </pre>
 * Empty strings stand for absent optional parameters ({@code algorithm} absent means MD5); {@code nc}
 * is the nonce count, 0 when absent.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String cnonce, String opaque, String qop, long nc) {
  private static final int MAX_NC_DIGITS = 8;

  public DigestCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(cnonce, "cnonce");
    Objects.requireNonNull(opaque, "opaque");
    Objects.requireNonNull(qop, "qop");
    if (nc < 0 || nc > 0xffffffffL) {
      throw new IllegalArgumentException("invalid nc: " + nc + " (expected 0-ffffffff)");
    }
  }

  public static ParseResult<DigestCredentials> parse(CharSequence input) {
    ParseResult<Map<String, String>> params = DigestParams.parse(input);
    if (params instanceof ParseResult.Err<Map<String, String>> err) {
      return ParseResult.err(err.failure());
    }
    Map<String, String> p = params.orElseThrow();
    for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
      if (!p.containsKey(required)) {
        return ParseResult.err("Digest credentials without " + required, 0);
      }
    }
    long nc = 0;
    String ncText = p.get("nc");
    if (ncText != null) {
      if (ncText.length() != MAX_NC_DIGITS || !ncText.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return ParseResult.err("invalid nc: " + SipGrammar.printable(ncText) + " (expected 8 hex digits)", 0);
      }
      nc = Long.parseLong(ncText, 16);
    }
    return ParseResult.ok(new DigestCredentials(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"),
        p.get("response"), p.getOrDefault("algorithm", ""), p.getOrDefault("cnonce", ""),
        p.getOrDefault("opaque", ""), p.getOrDefault("qop", ""), nc));
  }

  /** The algorithm in upper case, {@code MD5} when absent. */
  public String algorithmName() {
    return algorithm.isBlank() ? "MD5" : algorithm.strip().toUpperCase(Locale.ROOT);
  }

  /** {@code nc} as written on the wire: 8 lower-case hex digits. */
  public String ncText() {
    return String.format("%08x", nc);
  }

  /** The header value. The {@code response} is a hash, never the password, so this is safe to log. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Digest username=").append(DigestParams.quote(username))
        .append(", realm=").append(DigestParams.quote(realm))
        .append(", nonce=").append(DigestParams.quote(nonce))
        .append(", uri=").append(DigestParams.quote(uri))
        .append(", response=").append(DigestParams.quote(response));
    if (!algorithm.isEmpty()) {
      b.append(", algorithm=").append(algorithm);
    }
    if (!cnonce.isEmpty()) {
      b.append(", cnonce=").append(DigestParams.quote(cnonce));
    }
    if (!opaque.isEmpty()) {
      b.append(", opaque=").append(DigestParams.quote(opaque));
    }
    if (!qop.isEmpty()) {
      b.append(", qop=").append(qop).append(", nc=").append(ncText());
    }
    return b.toString();
  }
}
