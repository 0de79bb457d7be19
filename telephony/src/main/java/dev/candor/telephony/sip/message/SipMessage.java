package dev.candor.telephony.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SIP request or response: raw headers kept as received, and typed accessors that parse on
 * demand. For a message returned by {@link SipParser} as parsed, the typed accessors of mandatory
 * headers never fail; for a message built in code they throw {@link IllegalStateException} when the
 * header is missing or malformed.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

  SipHeaders headers();

  /** A copy of the body; empty when there is none. */
  byte[] body();

  /** The first line without its CRLF, e.g. {@code INVITE sip:bob@example.com SIP/2.0}. */
  String startLine();

  default List<Via> vias() {
    return headers().all("Via").stream().map(v -> require(Via.parse(v), "Via")).toList();
  }

  default Via topVia() {
    return require(Via.parse(mandatory("Via")), "Via");
  }

  default NameAddr from() {
    return require(NameAddr.parse(mandatory("From")), "From");
  }

  default NameAddr to() {
    return require(NameAddr.parse(mandatory("To")), "To");
  }

  default String callId() {
    return mandatory("Call-ID");
  }

  default CSeq cseq() {
    return require(CSeq.parse(mandatory("CSeq")), "CSeq");
  }

  /** Max-Forwards, empty when absent. */
  default OptionalInt maxForwards() {
    Optional<String> v = headers().first("Max-Forwards");
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(require(HeaderValues.parseMaxForwards(v.get()), "Max-Forwards"));
  }

  /** Every Contact address in order; a wildcard {@code *} Contact is skipped. */
  default List<NameAddr> contacts() {
    return headers().all("Contact").stream()
        .filter(c -> !c.equals("*"))
        .map(c -> require(NameAddr.parse(c), "Contact"))
        .toList();
  }

  default Optional<String> contentType() {
    return headers().first("Content-Type");
  }

  /**
   * The message on the wire: start line, headers in order (compact names written in full), a
   * Content-Length equal to the body length in place of any existing one, CRLF line ends, body.
   */
  default byte[] toBytes() {
    byte[] body = body();
    SipHeaders headers = headers().replacing("Content-Length", Integer.toString(body.length));
    StringBuilder b = new StringBuilder(256).append(startLine()).append("\r\n");
    for (SipHeader h : headers.asList()) {
      b.append(HeaderNames.fullName(h.name())).append(": ").append(h.value()).append("\r\n");
    }
    b.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length() + body.length);
    out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private String mandatory(String name) {
    return headers().first(name).orElseThrow(() -> new IllegalStateException("missing " + name + " header"));
  }

  private static <T> T require(ParseResult<T> result, String name) {
    if (result instanceof ParseResult.Err<T> err) {
      throw new IllegalStateException("invalid " + name + " header: " + err.failure().reason());
    }
    return result.orElseThrow();
  }
}
