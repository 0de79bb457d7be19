package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookup by any spelling (RFC 3261 §7.3.3 compact forms) and list splitting (§7.3.1). */
class SipHeadersTest {
  private final SipHeaders headers = SipHeaders.of(List.of(
      new SipHeader("v", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2"),
      new SipHeader("VIA", "SIP/2.0/TCP c.example.com;branch=z9hG4bK3"),
      new SipHeader("m", "\"Smith, John\" <sip:j@a.example.com;x=\"a,b\">, <sip:j@b.example.com>"),
      new SipHeader("WWW-Authenticate", "Digest realm=\"a\", nonce=\"b\", qop=\"auth,auth-int\""),
      new SipHeader("Date", "Sat, 13 Nov 2010 23:29:00 GMT"),
      new SipHeader("f", "\"Doe, Jane\" <sip:jane@example.com>;tag=1"),
      new SipHeader("X-Custom", "one, two")));

  @Test
  void lookupIgnoresCaseAndUnderstandsCompactForms() {
    assertThat(headers.first("via")).contains("SIP/2.0/UDP a.example.com;branch=z9hG4bK1");
    assertThat(headers.first("From")).contains("\"Doe, Jane\" <sip:jane@example.com>;tag=1");
    assertThat(headers.contains("CONTACT")).isTrue();
    assertThat(headers.contains("Route")).isFalse();
  }

  @Test
  void listHeadersAreSplitOutsideQuotesAndBrackets() {
    assertThat(headers.all("Via")).extracting(v -> Via.parse(v).orElseThrow().host())
        .containsExactly("a.example.com", "b.example.com", "c.example.com");
    assertThat(headers.all("Contact")).containsExactly(
        "\"Smith, John\" <sip:j@a.example.com;x=\"a,b\">", "<sip:j@b.example.com>");
  }

  @Test
  void nonListHeadersAreNeverSplit() {
    assertThat(headers.all("WWW-Authenticate")).hasSize(1);
    assertThat(headers.all("Date")).containsExactly("Sat, 13 Nov 2010 23:29:00 GMT");
    assertThat(headers.all("From")).hasSize(1);
    assertThat(headers.all("X-Custom")).containsExactly("one, two");
  }

  @Test
  void withFirstPrependsAndWithAppends() {
    SipHeaders h = headers.withFirst("Via", "SIP/2.0/UDP new.example.com;branch=z9hG4bK0").with("X-End", "1");

    assertThat(h.asList().get(0).name()).isEqualTo("Via");
    assertThat(h.all("Via")).hasSize(4).first().asString().contains("new.example.com");
    assertThat(h.asList().get(h.size() - 1)).isEqualTo(new SipHeader("X-End", "1"));
    assertThat(headers.size()).isEqualTo(7);
  }

  @Test
  void replacingRemovesEverySpellingAndInsertsAtTheFirstPosition() {
    SipHeaders h = headers.replacing("Via", "SIP/2.0/UDP only.example.com");

    assertThat(h.asList().get(0)).isEqualTo(new SipHeader("Via", "SIP/2.0/UDP only.example.com"));
    assertThat(h.all("v")).hasSize(1);
    assertThat(h.replacing("Content-Length", "0").asList().get(h.size())).isEqualTo(new SipHeader("Content-Length", "0"));
  }

  @Test
  void withoutRemovesEveryOccurrence() {
    assertThat(headers.without("contact").contains("m")).isFalse();
    assertThat(headers.without("contact").size()).isEqualTo(6);
  }

  @Test
  void rejectsHeaderInjection() {
    assertThatThrownBy(() -> headers.with("X-A", "1\r\nVia: evil")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> headers.with("Bad Name", "1")).isInstanceOf(IllegalArgumentException.class);
  }
}
