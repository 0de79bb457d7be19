package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3261 §20.42 Via, RFC 3581 rport, RFC 5118 §4.5 received with IPv6. */
class ViaTest {

  @Test
  void parsesSentProtocolSentByAndParameters() {
    Via via = Via.parse("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;rport;received=192.0.2.1")
        .orElseThrow();

    assertThat(via.protocol()).isEqualTo("SIP/2.0");
    assertThat(via.transport()).isEqualTo("UDP");
    assertThat(via.host()).isEqualTo("pc33.atlanta.example.com");
    assertThat(via.port()).isEqualTo(5066);
    assertThat(via.branch()).contains("z9hG4bK776asdhds");
    assertThat(via.hasRport()).isTrue();
    assertThat(via.rport()).isEmpty();
    assertThat(via.received()).contains("192.0.2.1");
  }

  @Test
  void allowsWhitespaceAroundSlashesColonSemicolonsAndEquals() {
    Via via = Via.parse("SIP  / 2.0  / TCP     spindle.example.com : 5061  ;  branch  =   z9hG4bK9ikj8").orElseThrow();

    assertThat(via.transport()).isEqualTo("TCP");
    assertThat(via.port()).isEqualTo(5061);
    assertThat(via.branch()).contains("z9hG4bK9ikj8");
    assertThat(via).hasToString("SIP/2.0/TCP spindle.example.com:5061;branch=z9hG4bK9ikj8");
  }

  @Test
  void ipv6SentByAndReceivedWithOrWithoutBrackets() {
    Via a = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:6050;received=2001:db8::9:255;branch=z9hG4bKas3").orElseThrow();
    Via b = Via.parse("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255]").orElseThrow();

    assertThat(a.host()).isEqualTo("2001:db8::9:1");
    assertThat(a.port()).isEqualTo(6050);
    assertThat(a.received()).contains("2001:db8::9:255");
    assertThat(b.received()).contains("[2001:db8::9:255]");
    assertThat(a.sentBy()).isEqualTo("[2001:db8::9:1]:6050");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "SIP/2.0/UDP", "SIP/2.0 host", "SIP/2.0/UDP host;;", "SIP/2.0/UDP host;branch=",
      "SIP/2.0/UDP host:99999", "SIP/2.0/UDP [2001:db8:::1]", "SIP/2.0/UDP host branch=x", "SIP/2.0/UDP ho st"})
  void rejectsMalformedVias(String text) {
    assertThat(Via.parse(text).error()).isPresent();
  }

  @Test
  void receivedAndRportAreAddedForTheServerSide() {
    Via via = Via.parse("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx;rport").orElseThrow()
        .withReceived("192.0.2.44").withRport(40123);

    assertThat(via).hasToString("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx;rport=40123;received=192.0.2.44");
    assertThat(via.rport()).hasValue(40123);
    assertThat(Via.of("UDP", "host", -1, "z9hG4bK1").withReceived("2001:db8::1").received()).contains("[2001:db8::1]");
  }

  @Test
  void ofBuildsAViaAndRejectsMisuse() {
    assertThat(Via.of("UDP", "2001:db8::1", 5060, "z9hG4bKabc")).hasToString("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKabc");
    assertThatThrownBy(() -> Via.of("UDP", "bad host", 5060, "z9hG4bK1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Via.of("UDP", "host", 70000, "z9hG4bK1")).hasMessageContaining("70000");
  }

  @Test
  void newBranchStartsWithTheMagicCookieAndIsRepeatableWithASeed() {
    String a = Via.newBranch(new SplittableRandom(7));
    String b = Via.newBranch(new SplittableRandom(7));
    String c = Via.newBranch(new SplittableRandom(8));

    assertThat(a).startsWith("z9hG4bK").hasSizeGreaterThan(20).isEqualTo(b).isNotEqualTo(c);
    assertThat(SipGrammar.isToken(a)).isTrue();
  }
}
