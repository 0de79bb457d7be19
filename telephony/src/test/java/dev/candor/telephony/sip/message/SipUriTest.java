package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3261 §19.1 SIP-URI and RFC 5118 IPv6 references. */
class SipUriTest {

  @Test
  void parsesUserHostPortParametersAndHeaders() {
    SipUri uri = SipUri.of("sip:alice@atlanta.example.com:5070;transport=tcp;lr?Subject=hi&Priority=urgent");

    assertThat(uri.scheme()).isEqualTo("sip");
    assertThat(uri.user()).isEqualTo("alice");
    assertThat(uri.host()).isEqualTo("atlanta.example.com");
    assertThat(uri.port()).isEqualTo(5070);
    assertThat(uri.parameters()).containsExactly(Map.entry("transport", "tcp"), Map.entry("lr", ""));
    assertThat(uri.headers()).containsExactly(Map.entry("Subject", "hi"), Map.entry("Priority", "urgent"));
    assertThat(uri.toString()).isEqualTo("sip:alice@atlanta.example.com:5070;transport=tcp;lr?Subject=hi&Priority=urgent");
  }

  @Test
  void ipv6ReferenceWithPortIsBracketedOnTheWire() {
    SipUri uri = SipUri.of("sip:[2001:db8::10]:5070");

    assertThat(uri.host()).isEqualTo("2001:db8::10");
    assertThat(uri.port()).isEqualTo(5070);
    assertThat(uri.hostPort()).isEqualTo("[2001:db8::10]:5070");
    assertThat(uri).hasToString("sip:[2001:db8::10]:5070");
  }

  @Test
  void ipv6ReferenceWithoutPortKeepsTheLastGroupInTheAddress() {
    SipUri uri = SipUri.of("sip:[2001:db8::10:5070]");

    assertThat(uri.host()).isEqualTo("2001:db8::10:5070");
    assertThat(uri.port()).isEqualTo(-1);
    assertThat(uri.portOrDefault()).isEqualTo(5060);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sip:2001:db8::10", "sip:user@[2001:db8:::192.0.2.1]", "sip:[2001:db8::10",
      "sip:alice@host:70000", "sip:alice@host:0", "sip:alice@", "sip:", "alice@host", "<sip:a@b>",
      "sip:a b@host", "sip:a@host;", "sip:a@host?x", "sip:a@ho_st", "sip:%4@host", "sip:a@host:5060x"})
  void rejectsMalformedUris(String text) {
    assertThat(SipUri.parse(text).error()).isPresent();
  }

  @Test
  void invalidPortErrorNamesTheValueAndTheRange() {
    assertThat(SipUri.parse("sip:alice@host:70000").error().orElseThrow().reason())
        .isEqualTo("invalid port: 70000 (expected 1-65535)");
    assertThatThrownBy(() -> SipUri.of("sip:alice@host:70000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
  }

  @Test
  void escapedUserPartIsKeptAsWrittenAndCanBeDecoded() {
    SipUri uri = SipUri.of("sip:sips%3Auser%40example.com@example.net");

    assertThat(uri.user()).isEqualTo("sips%3Auser%40example.com");
    assertThat(uri.unescapedUser()).contains("sips:user@example.com");
    assertThat(uri.host()).isEqualTo("example.net");
    assertThat(uri).hasToString("sip:sips%3Auser%40example.com@example.net");
  }

  @Test
  void passwordStaysInTheUserPartAndRoundTrips() {
    SipUri uri = SipUri.of("sip:alice:secret%21@example.com");

    assertThat(uri.user()).isEqualTo("alice:secret%21");
    assertThat(uri.password()).contains("secret%21");
    assertThat(uri.unescapedUser()).contains("alice");
    assertThat(SipUri.of(uri.toString())).isEqualTo(uri);
  }

  @Test
  void userPartMayContainSemicolonsAndQuestionMarks() {
    SipUri uri = SipUri.of("sip:user;par=u%40example.net@example.com");

    assertThat(uri.user()).isEqualTo("user;par=u%40example.net");
    assertThat(uri.host()).isEqualTo("example.com");
    assertThat(uri.parameters()).isEmpty();
  }

  @Test
  void sipsDefaultsToPort5061() {
    assertThat(SipUri.of("SIPS:bob@biloxi.example.com").portOrDefault()).isEqualTo(5061);
    assertThat(SipUri.of("SIPS:bob@biloxi.example.com").scheme()).isEqualTo("sips");
  }

  @Test
  void telAndUnknownSchemesRoundTrip() {
    SipUri tel = SipUri.of("tel:+1-201-555-0123;phone-context=example.com");
    SipUri opaque = SipUri.of("urn:service:sos");

    assertThat(tel.user()).isEqualTo("+1-201-555-0123");
    assertThat(tel.parameter("phone-context")).contains("example.com");
    assertThat(tel).hasToString("tel:+1-201-555-0123;phone-context=example.com");
    assertThat(opaque.isSip()).isFalse();
    assertThat(opaque).hasToString("urn:service:sos");
  }

  @Test
  void withParameterReplacesAnExistingValue() {
    SipUri uri = SipUri.of("sip:bob@example.com;transport=udp").withParameter("transport", "tcp").withParameter("lr", "");

    assertThat(uri).hasToString("sip:bob@example.com;transport=tcp;lr");
  }
}
