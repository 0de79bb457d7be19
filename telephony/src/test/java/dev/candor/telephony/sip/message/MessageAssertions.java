package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;

/** Shared checks for parser tests. */
final class MessageAssertions {
  private MessageAssertions() {}

  static SipMessage parsed(byte[] bytes) {
    SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
    if (result instanceof SipParseResult.Invalid invalid) {
      fail("expected a parsed message but got: " + invalid.error());
    }
    return ((SipParseResult.Parsed) result).message();
  }

  static SipParseResult.Invalid invalid(byte[] bytes) {
    SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
    assertThat(result).isInstanceOf(SipParseResult.Invalid.class);
    return (SipParseResult.Invalid) result;
  }

  /** Header names folded to one spelling, Content-Length dropped (toBytes recomputes it). */
  static List<String> normalizedHeaders(SipMessage m) {
    return m.headers().asList().stream()
        .filter(h -> !HeaderNames.key(h.name()).equals("content-length"))
        .map(h -> HeaderNames.key(h.name()) + ": " + h.value())
        .toList();
  }

  /** parse → toBytes → parse gives the same start line, headers, typed fields and body. */
  static void assertRoundTrip(SipMessage original) {
    SipMessage again = parsed(original.toBytes());
    assertThat(again.startLine()).isEqualTo(original.startLine());
    assertThat(normalizedHeaders(again)).isEqualTo(normalizedHeaders(original));
    assertThat(again.body()).isEqualTo(original.body());
    assertThat(again.vias()).isEqualTo(original.vias());
    assertThat(again.from()).isEqualTo(original.from());
    assertThat(again.to()).isEqualTo(original.to());
    assertThat(again.callId()).isEqualTo(original.callId());
    assertThat(again.cseq()).isEqualTo(original.cseq());
    assertThat(again.maxForwards()).isEqualTo(original.maxForwards());
    assertThat(again.contacts()).isEqualTo(original.contacts());
    assertThat(again.contentType()).isEqualTo(original.contentType());
    if (original instanceof SipRequest r) {
      assertThat(((SipRequest) again).method()).isEqualTo(r.method());
      assertThat(((SipRequest) again).requestUri()).isEqualTo(r.requestUri());
    }
  }
}
