package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 3261 §7.1: methods are case-sensitive tokens; extension methods survive. */
class SipMethodTest {

  @Test
  void knownNamesReturnTheConstants() {
    assertThat(SipMethod.valueOf("INVITE")).isSameAs(SipMethod.INVITE);
    assertThat(SipMethod.valueOf("PUBLISH")).isSameAs(SipMethod.PUBLISH).matches(SipMethod::isStandard);
  }

  @Test
  void methodNamesAreCaseSensitive() {
    SipMethod lower = SipMethod.valueOf("invite");

    assertThat(lower).isNotEqualTo(SipMethod.INVITE);
    assertThat(lower.isStandard()).isFalse();
  }

  @Test
  void extensionMethodsAreEqualByName() {
    assertThat(SipMethod.valueOf("RE%47IST%45R")).isEqualTo(SipMethod.valueOf("RE%47IST%45R"))
        .hasSameHashCodeAs(SipMethod.valueOf("RE%47IST%45R")).hasToString("RE%47IST%45R");
  }

  @Test
  void nonTokensAreRejected() {
    assertThatThrownBy(() -> SipMethod.valueOf("IN VITE")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IN VITE");
    assertThatThrownBy(() -> SipMethod.valueOf("")).isInstanceOf(IllegalArgumentException.class);
  }
}
