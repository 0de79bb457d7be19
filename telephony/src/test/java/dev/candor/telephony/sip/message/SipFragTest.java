package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The status line of a message/sipfrag body in a NOTIFY about a REFER (RFC 3420, RFC 3515 §2.4.5). */
class SipFragTest {

    @Test
    void statusLineWithReasonParses() {
        SipFrag frag = SipFrag.parse("SIP/2.0 486 Busy Here\r\n").orElseThrow();
        assertThat(frag.statusCode()).isEqualTo(486);
        assertThat(frag.reasonPhrase()).isEqualTo("Busy Here");
        assertThat(frag.isProvisional()).isFalse();
        assertThat(frag.isSuccess()).isFalse();
        assertThat(frag.toString()).isEqualTo("SIP/2.0 486 Busy Here");
    }

    @Test
    void headersAfterTheStatusLineAreIgnored() {
        // RFC 3515 §2.4.5: the body "MAY contain ... header fields" after the status line.
        SipFrag frag = SipFrag.parse("SIP/2.0 100 Trying\r\nContact: <sip:x@example.org>\r\n").orElseThrow();
        assertThat(frag.isProvisional()).isTrue();
    }

    @Test
    void twoHundredIsSuccessEvenWithoutReason() {
        assertThat(SipFrag.parse("SIP/2.0 200").orElseThrow().isSuccess()).isTrue();
    }

    @Test
    void badBodiesAreParseErrorsNamingTheInput() {
        assertThat(SipFrag.parse("").isOk()).isFalse();
        assertThat(SipFrag.parse("HTTP/1.1 200 OK").isOk()).isFalse();
        ParseResult<SipFrag> result = SipFrag.parse("SIP/2.0 2000 OK");
        assertThat(result).isInstanceOfSatisfying(ParseResult.Err.class,
                err -> assertThat(err.failure().reason()).contains("2000"));
        assertThat(SipFrag.parse("INVITE sip:a@b SIP/2.0").isOk()).isFalse();
    }

    @Test
    void ofRejectsImpossibleStatus() {
        assertThatThrownBy(() -> new SipFrag(99, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
    }
}
