package dev.candor.telephony.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 3261 §8.2.6 building responses, and building requests in code. */
class SipResponseTest {

  private static SipRequest invite() {
    return (SipRequest) MessageAssertions.parsed(Fixtures.bytes("invite.sip"));
  }

  @Test
  void responseCopiesViasFromToCallIdAndCSeq() {
    SipRequest bye = (SipRequest) MessageAssertions.parsed(Fixtures.bytes("bye.sip"));
    SipResponse ok = SipResponse.to(bye, 200);

    assertThat(ok.startLine()).isEqualTo("SIP/2.0 200 OK");
    assertThat(ok.vias()).isEqualTo(bye.vias());
    assertThat(ok.from()).isEqualTo(bye.from());
    assertThat(ok.to()).isEqualTo(bye.to());
    assertThat(ok.callId()).isEqualTo(bye.callId());
    assertThat(ok.cseq()).isEqualTo(bye.cseq());
    assertThat(ok.headers().contains("Route")).isFalse();
    assertThat(ok.headers().first("Content-Length")).contains("0");
    assertThat(MessageAssertions.parsed(ok.toBytes())).isEqualTo(ok);
  }

  @Test
  void toTagIsAddedOnlyWhenAbsentAndKeepsTheRequestToAsWritten() {
    SipResponse ringing = SipResponse.to(invite(), 180).withToTag("c4nd0r");

    assertThat(ringing.headers().first("To")).contains("<sip:sales@candor.example.com>;tag=c4nd0r");
    assertThat(ringing.withToTag("other").to().tag()).contains("c4nd0r");
  }

  @Test
  void reasonPhrasesCoverRfc3261AndExtensions() {
    assertThat(SipResponse.reasonPhrase(487)).isEqualTo("Request Terminated");
    assertThat(SipResponse.reasonPhrase(488)).isEqualTo("Not Acceptable Here");
    assertThat(SipResponse.reasonPhrase(491)).isEqualTo("Request Pending");
    assertThat(SipResponse.reasonPhrase(505)).isEqualTo("Version Not Supported");
    assertThat(SipResponse.reasonPhrase(199)).isEqualTo("Early Dialog Terminated");
    assertThat(SipResponse.reasonPhrase(580)).isEqualTo("Precondition Failure");
    assertThat(SipResponse.reasonPhrase(499)).isEqualTo("Client Error");
  }

  @Test
  void withBodySetsContentTypeAndLength() {
    byte[] sdp = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
    SipResponse ok = SipResponse.to(invite(), 200).withToTag("t").withBody("application/sdp", sdp)
        .withHeader("Contact", "<sip:sales@203.0.113.20>");
    SipResponse again = (SipResponse) MessageAssertions.parsed(ok.toBytes());

    assertThat(again.body()).isEqualTo(sdp);
    assertThat(again.contentType()).contains("application/sdp");
    assertThat(again.headers().first("Content-Length")).contains("5");
    assertThat(again.contacts()).extracting(c -> c.uri().host()).containsExactly("203.0.113.20");
  }

  @Test
  void builderMakesARequestThatParsesBack() {
    SipRequest request = SipRequest.builder(SipMethod.INVITE, SipUri.of("sip:bob@biloxi.example.com"))
        .header("Via", Via.of("UDP", "192.0.2.4", 5060, "z9hG4bKnashds8").toString())
        .header("Max-Forwards", "70")
        .header("From", NameAddr.of("Candor", SipUri.of("sip:candor@example.com")).withTag("1928301774").toString())
        .header("To", NameAddr.of(SipUri.of("sip:bob@biloxi.example.com")).toString())
        .header("Call-ID", "a84b4c76e66710")
        .header("CSeq", CSeq.of(314159, SipMethod.INVITE).toString())
        .body("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII))
        .build();

    SipRequest again = (SipRequest) MessageAssertions.parsed(request.toBytes());
    assertThat(again).isEqualTo(request);
    assertThat(again.from().displayName()).isEqualTo("Candor");
    assertThat(again.headers().first("Content-Length")).contains("5");
  }

  @Test
  void messageBodiesAreCopiedSoRecordsStayImmutable() {
    byte[] body = {1, 2, 3};
    SipResponse r = new SipResponse(200, "OK", SipHeaders.empty(), body);
    body[0] = 9;
    r.body()[1] = 9;

    assertThat(r.body()).containsExactly(1, 2, 3);
  }
}
