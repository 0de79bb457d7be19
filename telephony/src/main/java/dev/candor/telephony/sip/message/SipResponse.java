package dev.candor.telephony.sip.message;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP response (RFC 3261 §7.2).
 *
 * @param statusCode 100-699
 * @param reasonPhrase reason phrase, may be empty, never with CR or LF
 * @param headers all headers
 * @param body the body bytes (copied in and out)
 */
public record SipResponse(int statusCode, String reasonPhrase, SipHeaders headers, byte[] body)
    implements SipMessage {

  public SipResponse {
    if (statusCode < 100 || statusCode > 699) {
      throw new IllegalArgumentException("invalid status code: " + statusCode + " (expected 100-699)");
    }
    Objects.requireNonNull(reasonPhrase, "reasonPhrase");
    if (reasonPhrase.indexOf('\r') >= 0 || reasonPhrase.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("invalid reason phrase: contains CR or LF");
    }
    Objects.requireNonNull(headers, "headers");
    body = Objects.requireNonNull(body, "body").clone();
  }

  /**
   * A response to {@code request} as RFC 3261 §8.2.6.2 requires: every Via in order, From, To,
   * Call-ID and CSeq copied, the standard reason phrase, no body. Add a To tag with
   * {@link #withToTag(String)}.
   */
  public static SipResponse to(SipRequest request, int statusCode) {
    return to(request, statusCode, reasonPhrase(statusCode));
  }

  /** As {@link #to(SipRequest, int)} with a custom reason phrase. */
  public static SipResponse to(SipRequest request, int statusCode, String reasonPhrase) {
    return answering(request.headers(), statusCode, reasonPhrase);
  }

  /** A response built from a request's raw headers; used also for requests that failed to parse. */
  static SipResponse answering(SipHeaders request, int statusCode, String reasonPhrase) {
    SipHeaders h = SipHeaders.empty();
    for (SipHeader via : request.lines("Via")) {
      h = h.with("Via", via.value());
    }
    for (String name : new String[] {"From", "To", "Call-ID", "CSeq"}) {
      Optional<String> value = request.first(name);
      if (value.isPresent()) {
        h = h.with(name, value.get());
      }
    }
    return new SipResponse(statusCode, reasonPhrase, h.with("Content-Length", "0"), new byte[0]);
  }

  /** The RFC 3261 §21 reason phrase for {@code code} (plus common extensions), or a generic one by class. */
  public static String reasonPhrase(int code) {
    return ReasonPhrases.of(code);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String startLine() {
    return "SIP/2.0 " + statusCode + " " + reasonPhrase;
  }

  public boolean isProvisional() {
    return statusCode < 200;
  }

  public boolean isSuccess() {
    return statusCode >= 200 && statusCode < 300;
  }

  public SipResponse withHeader(String name, String value) {
    return new SipResponse(statusCode, reasonPhrase, headers.with(name, value), body);
  }

  public SipResponse withHeaders(SipHeaders newHeaders) {
    return new SipResponse(statusCode, reasonPhrase, newHeaders, body);
  }

  /**
   * This response with {@code ;tag=} appended to To, unless To already has a tag. The rest of the
   * To value is kept exactly as the request had it.
   *
   * @throws IllegalArgumentException if {@code tag} is not a token
   */
  public SipResponse withToTag(String tag) {
    if (!SipGrammar.isToken(Objects.requireNonNull(tag, "tag"))) {
      throw new IllegalArgumentException("invalid tag: " + tag + " (expected a token)");
    }
    Optional<String> to = headers.first("To");
    if (to.isEmpty()) {
      return this;
    }
    Optional<NameAddr> parsed = NameAddr.parse(to.get()).value();
    if (parsed.isPresent() && parsed.get().tag().isPresent()) {
      return this;
    }
    return withHeaders(headers.replacing("To", to.get() + ";tag=" + tag));
  }

  /** This response with a body, its Content-Type and Content-Length. */
  public SipResponse withBody(String contentType, byte[] newBody) {
    SipHeaders h = headers.replacing("Content-Type", Objects.requireNonNull(contentType, "contentType"))
        .replacing("Content-Length", Integer.toString(newBody.length));
    return new SipResponse(statusCode, reasonPhrase, h, newBody);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipResponse r && r.statusCode == statusCode && r.reasonPhrase.equals(reasonPhrase)
        && r.headers.equals(headers) && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, reasonPhrase, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "SipResponse[" + startLine() + ", " + headers.size() + " headers, " + body.length + " body bytes]";
  }
}
