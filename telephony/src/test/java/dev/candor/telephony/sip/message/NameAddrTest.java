package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3261 §20.10 / §25.1 name-addr and addr-spec, as used by From, To and Contact. */
class NameAddrTest {

  @Test
  void quotedDisplayNameWithEscapedQuotesAndBackslashes() {
    NameAddr a = NameAddr.parse("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\n;tag = 98asjd8".replace("\n", ""))
        .orElseThrow();

    assertThat(a.displayName()).isEqualTo("J Rosenberg \\\"");
    assertThat(a.uri()).isEqualTo(SipUri.of("sip:jdrosen@example.com"));
    assertThat(a.tag()).contains("98asjd8");
    assertThat(a).hasToString("\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>;tag=98asjd8");
    assertThat(NameAddr.parse(a.toString()).orElseThrow()).isEqualTo(a);
  }

  @Test
  void unquotedTokenDisplayNameEvenWithoutSpaceBeforeTheBracket() {
    assertThat(NameAddr.parse("caller<sip:caller@example.com>;tag=323").orElseThrow().displayName()).isEqualTo("caller");
    assertThat(NameAddr.parse("A. Bell <sip:a.g.bell@example.com>").orElseThrow().displayName()).isEqualTo("A. Bell");
  }

  @Test
  void inAddrSpecFormParametersBelongToTheHeaderNotTheUri() {
    NameAddr a = NameAddr.parse("sip:+19725552222@gw1.example.net;unknownparam;tag=x").orElseThrow();

    assertThat(a.uri().parameters()).isEmpty();
    assertThat(a.parameters()).containsExactly(Map.entry("unknownparam", ""), Map.entry("tag", "x"));
    assertThat(a).hasToString("<sip:+19725552222@gw1.example.net>;unknownparam;tag=x");
  }

  @Test
  void inNameAddrFormParametersInsideTheBracketsBelongToTheUri() {
    NameAddr a = NameAddr.parse("<sip:+19725552222@gw1.example.net;unknownparam>;expires=60").orElseThrow();

    assertThat(a.uri().parameters()).containsOnlyKeys("unknownparam");
    assertThat(a.parameters()).containsExactly(Map.entry("expires", "60"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"Mr. J. User <sip:j.user@example.com>", "\"Watson, Thomas\" < sip:t.watson@example.org >",
      "Bell, Alexander <sip:a.g.bell@example.com>;tag=43", "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
      "\"Joe\" <sip:joe@example.org>;;;;", "<sip:joe@example.org", "", "   ", "<>", "\"x\" sip:a@b"})
  void rejectsMalformedAddresses(String text) {
    assertThat(NameAddr.parse(text).error()).isPresent();
  }

  @Test
  void withTagAddsOrReplacesTheTag() {
    NameAddr a = NameAddr.of(SipUri.of("sip:bob@biloxi.example.com")).withTag("a6c85cf");

    assertThat(a).hasToString("<sip:bob@biloxi.example.com>;tag=a6c85cf");
    assertThat(a.withTag("b").tag()).contains("b");
    assertThatThrownBy(() -> a.withTag("bad tag")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void displayNameWithUtf8AndQuotesIsQuotedOnOutput() {
    NameAddr a = NameAddr.of("Zoë \"Z\"", SipUri.of("sip:zoe@example.com"));

    assertThat(a).hasToString("\"Zoë \\\"Z\\\"\" <sip:zoe@example.com>");
    assertThat(NameAddr.parse(a.toString()).orElseThrow().displayName()).isEqualTo("Zoë \"Z\"");
  }
}
