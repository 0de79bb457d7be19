package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3261 §20.16 CSeq and §8.1.1.5 (sequence number below 2^31). */
class CSeqTest {

  @Test
  void parsesNumberAndMethodWithLeadingZerosAndExtraWhitespace() {
    assertThat(CSeq.parse("0009   INVITE").orElseThrow()).isEqualTo(CSeq.of(9, SipMethod.INVITE));
    assertThat(CSeq.parse("2147483647 NEWMETHOD").orElseThrow().method().isStandard()).isFalse();
    assertThat(CSeq.of(1, SipMethod.INVITE)).hasToString("1 INVITE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483648 INVITE", "36893488147419103232 REGISTER", "INVITE", "1", "1INVITE",
      "-1 INVITE", "1 INV ITE", "1 INVITE;x"})
  void rejectsMalformedCSeq(String text) {
    assertThat(CSeq.parse(text).error()).isPresent();
  }

  @Test
  void ofRejectsSequenceNumbersFrom2To31() {
    assertThatThrownBy(() -> CSeq.of(1L << 31, SipMethod.BYE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2147483648");
  }
}
