package dev.candor.telephony.sip.message;

import static dev.candor.telephony.sip.message.Fixtures.bytes;
import static dev.candor.telephony.sip.message.Fixtures.crlf;
import static dev.candor.telephony.sip.message.MessageAssertions.assertRoundTrip;
import static dev.candor.telephony.sip.message.MessageAssertions.invalid;
import static dev.candor.telephony.sip.message.MessageAssertions.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link SipParser} on realistic messages and on the malformed requests RFC 3261 §8.2/§21.4 asks us to answer. */
class SipParserTest {

  private static final String OPTIONS_HEAD = """
      OPTIONS sip:candor.example.com SIP/2.0
      Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK776asdhds
      From: <sip:monitor@example.net>;tag=1928301774
      To: <sip:candor.example.com>
      Call-ID: a84b4c76e66710
      CSeq: 63104 OPTIONS
      """;

  @Test
  void parsesARealInviteWithItsSdpBody() {
    SipRequest invite = (SipRequest) parsed(bytes("invite.sip"));

    assertThat(invite.method()).isEqualTo(SipMethod.INVITE);
    assertThat(invite.requestUri().user()).isEqualTo("sales");
    assertThat(invite.requestUri().parameter("transport")).contains("udp");
    assertThat(invite.topVia().branch()).contains("z9hG4bK.hXh1bnSgL");
    assertThat(invite.topVia().hasRport()).isTrue();
    assertThat(invite.topVia().rport()).isEmpty();
    assertThat(invite.from().displayName()).isEqualTo("Alice \"Ace\" Smith");
    assertThat(invite.from().tag()).contains("Q2M~RQ4U4");
    assertThat(invite.to().tag()).isEmpty();
    assertThat(invite.callId()).isEqualTo("cBQw8Sq2Ha");
    assertThat(invite.cseq()).isEqualTo(CSeq.of(20, SipMethod.INVITE));
    assertThat(invite.maxForwards()).isEqualTo(OptionalInt.of(70));
    assertThat(invite.contacts()).singleElement().satisfies(c -> {
      assertThat(c.uri().port()).isEqualTo(5062);
      assertThat(c.parameter("+sip.instance")).contains("\"<urn:uuid:5a8f2b1e-0000-1000-8000-0021a1b2c3d4>\"");
    });
    assertThat(invite.contentType()).contains("application/sdp");
    assertThat(new String(invite.body(), StandardCharsets.UTF_8)).startsWith("v=0\r\n").endsWith("a=sendrecv\r\n");
    assertThat(invite.headers().all("Allow")).hasSize(12).contains("INVITE", "UPDATE");
    assertThat(invite.headers().first("x-campaign-id")).contains("spring");
  }

  @Test
  void parsesCompactFormsAndIpv6Via() {
    SipRequest options = (SipRequest) parsed(bytes("options.sip"));

    assertThat(options.topVia().host()).isEqualTo("2001:db8::7");
    assertThat(options.topVia().port()).isEqualTo(5070);
    assertThat(options.from().uri().user()).isEqualTo("monitor");
    assertThat(options.to().uri().host()).isEqualTo("candor.example.com");
    assertThat(options.callId()).isEqualTo("a84b4c76e66710@lb.example.net");
    assertThat(options.contacts()).singleElement()
        .extracting(c -> c.uri().hostPort()).isEqualTo("[2001:db8::7]:5070");
    assertThat(options.body()).isEmpty();
  }

  @Test
  void parsesFoldedCommaSeparatedAndRepeatedVias() {
    SipRequest bye = (SipRequest) parsed(bytes("bye.sip"));

    assertThat(bye.vias()).extracting(Via::host)
        .containsExactly("198.51.100.5", "203.0.113.9", "proxy.example.net");
    assertThat(bye.vias().get(0).received()).contains("198.51.100.5");
    assertThat(bye.vias().get(2).transport()).isEqualTo("TCP");
    assertThat(bye.headers().all("Route")).containsExactly(
        "<sip:proxy.example.net;lr>", "<sip:edge.example.net;lr>");
    assertThat(bye.headers().first("Reason")).contains("Q.850;cause=16;text=\"Normal call clearing\"");
    assertThat(bye.to().displayName()).isEqualTo("Alice \"Ace\" Smith");
  }

  @Test
  void parsesCancelAndA200OkResponse() {
    SipRequest cancel = (SipRequest) parsed(bytes("cancel.sip"));
    SipResponse ok = (SipResponse) parsed(bytes("ok200.sip"));

    assertThat(cancel.cseq().method()).isEqualTo(SipMethod.CANCEL);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.reasonPhrase()).isEqualTo("OK");
    assertThat(ok.cseq()).isEqualTo(CSeq.of(20, SipMethod.INVITE));
    assertThat(ok.to().tag()).contains("c4nd0r-91");
    assertThat(ok.topVia().rport()).hasValue(5062);
    assertThat(ok.headers().all("Record-Route")).containsExactly("<sip:proxy.example.net;lr;ftag=Q2M~RQ4U4>");
    assertThat(ok.body()).hasSize(Integer.parseInt(ok.headers().first("Content-Length").orElseThrow()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"invite.sip", "options.sip", "bye.sip", "cancel.sip", "ok200.sip"})
  void fixturesSurviveParseSerialiseParse(String fixture) {
    assertRoundTrip(parsed(bytes(fixture)));
  }

  @Test
  void serialisesCompactNamesInFullAndFixesContentLength() {
    SipMessage options = parsed(bytes("options.sip"));
    String wire = new String(options.toBytes(), StandardCharsets.UTF_8);

    assertThat(wire).startsWith("OPTIONS sip:candor.example.com SIP/2.0\r\nVia: SIP/2.0/UDP [2001:db8::7]:5070");
    assertThat(wire).contains("\r\nTo: <sip:candor.example.com>\r\n", "\r\nCall-ID: a84b4c76e66710@lb.example.net\r\n");
    assertThat(wire).contains("\r\nContent-Length: 0\r\n\r\n").doesNotContain("\r\nl:");
    assertThat(wire).endsWith("\r\n\r\n");
  }

  @Test
  void foldedHeaderLinesAreUnfoldedToSingleSpaces() {
    SipMessage m = parsed(crlf(OPTIONS_HEAD + "Subject: first part\n   second part\n\tthird\n\n"));

    assertThat(m.headers().first("s")).contains("first part second part third");
  }

  @Test
  void unknownHeadersAreKeptInOrderWithTheirNamesAsReceived() {
    SipMessage m = parsed(crlf(OPTIONS_HEAD + "X-Weird_Header!: ;;,,a\nx-lower: 1\nX-WEIRD_HEADER!: again\n\n"));

    assertThat(m.headers().asList().subList(5, 8)).extracting(SipHeader::name)
        .containsExactly("X-Weird_Header!", "x-lower", "X-WEIRD_HEADER!");
    assertThat(m.headers().all("x-weird_header!")).containsExactly(";;,,a", "again");
    assertRoundTrip(m);
  }

  @Test
  void bytesBeyondContentLengthAreIgnored() {
    SipMessage m = parsed(crlf(OPTIONS_HEAD + "Content-Length: 4\n\nbodyEXTRA-GARBAGE"));

    assertThat(m.body()).asString(StandardCharsets.UTF_8).isEqualTo("body");
  }

  @Test
  void missingContentLengthOnUdpMeansTheRestOfTheDatagram() {
    SipMessage m = parsed(crlf(OPTIONS_HEAD + "\nhello"));

    assertThat(m.body()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
  }

  @Test
  void contentLengthLargerThanTheDatagramIsAnswered400() {
    SipParseResult.Invalid result = invalid(crlf(OPTIONS_HEAD + "Content-Length: 50\n\nshort"));

    assertThat(result.error().reason()).contains("Content-Length 50");
    assertThat(result.response()).map(SipResponse::statusCode).contains(400);
  }

  @Test
  void badMaxForwardsIsAnswered400NamingTheProblem() {
    SipParseResult.Invalid result = invalid(crlf(OPTIONS_HEAD + "Max-Forwards: 256\n\n"));
    SipResponse response = result.response().orElseThrow();

    assertThat(result.request()).isTrue();
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.reasonPhrase()).startsWith("Bad Request - invalid Max-Forwards: 256");
    assertThat(response.callId()).isEqualTo("a84b4c76e66710");
    assertThat(response.cseq()).isEqualTo(CSeq.of(63104, SipMethod.OPTIONS));
    assertThat(response.topVia().branch()).contains("z9hG4bK776asdhds");
    assertThat(response.headers().first("Content-Length")).contains("0");
  }

  @Test
  void reasonPhraseOf400NeverCarriesControlCharacters() {
    SipParseResult.Invalid result = invalid(crlf(OPTIONS_HEAD + "Max-Forwards: 7\u0001\u007f\u00e9\n\n"));

    String reason = result.response().orElseThrow().reasonPhrase();
    assertThat(reason).startsWith("Bad Request - invalid Max-Forwards");
    assertThat(reason.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  @Test
  void otherSipVersionIsAnswered505() {
    String head = OPTIONS_HEAD.replace("candor.example.com SIP/2.0", "candor.example.com SIP/3.0");
    SipParseResult.Invalid result = invalid(crlf(head + "\n"));

    assertThat(result.response()).map(SipResponse::startLine).contains("SIP/2.0 505 Version Not Supported");
  }

  @Test
  void missingMaxForwardsIsAcceptedForOldClients() {
    assertThat(parsed(crlf(OPTIONS_HEAD + "\n")).maxForwards()).isEmpty();
  }

  @Test
  void leadingBlankLinesBeforeTheStartLineAreSkipped() {
    assertThat(parsed(crlf("\n\n" + OPTIONS_HEAD + "\n")).callId()).isEqualTo("a84b4c76e66710");
  }

  @Test
  void requestWithoutViaIsInvalidAndCannotBeAnswered() {
    String head = OPTIONS_HEAD.replaceAll("Via: .*\n", "");
    SipParseResult.Invalid result = invalid(crlf(head + "\n"));

    assertThat(result.error().reason()).isEqualTo("missing Via header");
    assertThat(result.response()).isEmpty();
  }

  @Test
  void cseqMethodMustMatchTheRequestMethod() {
    String head = OPTIONS_HEAD.replace("63104 OPTIONS", "63104 INVITE");

    assertThat(invalid(crlf(head + "\n")).error().reason()).contains("CSeq method INVITE");
  }

  @Test
  void malformedHeaderLineMakesTheRequestInvalidButAnswerable() {
    SipParseResult.Invalid result = invalid(crlf(OPTIONS_HEAD + "this line has no colon\n\n"));

    assertThat(result.error().reason()).startsWith("malformed header line");
    assertThat(result.response()).map(SipResponse::statusCode).contains(400);
  }

  @Test
  void invalidResponsesAreDroppedWithoutAnswer() {
    SipParseResult.Invalid result = invalid(crlf("""
        SIP/2.0 2000 OK
        Via: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1
        From: <sip:a@example.net>;tag=1
        To: <sip:b@example.net>;tag=2
        Call-ID: x
        CSeq: 1 INVITE

        """));

    assertThat(result.request()).isFalse();
    assertThat(result.response()).isEmpty();
  }

  @Test
  void keepAliveCrlfIsNotSip() {
    SipParseResult.Invalid result = invalid("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(result.request()).isFalse();
    assertThat(result.response()).isEmpty();
  }

  @Test
  void stunBindingRequestIsNotSip() {
    byte[] stun = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    SipParseResult.Invalid result = invalid(stun);

    assertThat(result.error().reason()).startsWith("not a SIP message");
    assertThat(result.response()).isEmpty();
  }

  @Test
  void parsesOnlyTheGivenSliceOfTheBuffer() {
    byte[] message = bytes("options.sip");
    byte[] buffer = new byte[message.length + 20];
    Arrays.fill(buffer, (byte) 'X');
    System.arraycopy(message, 0, buffer, 10, message.length);

    SipParseResult result = SipParser.parse(buffer, 10, message.length, SipDecoderConfig.defaults());

    assertThat(result).isInstanceOf(SipParseResult.Parsed.class);
  }

  @Test
  void limitsFromTheConfigAreEnforced() {
    byte[] invite = bytes("invite.sip");

    assertThat(SipParser.parse(invite, 0, invite.length, new SipDecoderConfig(500, 256)))
        .isInstanceOfSatisfying(SipParseResult.Invalid.class,
            i -> assertThat(i.error().reason()).startsWith("message too large: 973 bytes"));
    assertThat(SipParser.parse(invite, 0, invite.length, new SipDecoderConfig(65535, 5)))
        .isInstanceOfSatisfying(SipParseResult.Invalid.class,
            i -> assertThat(i.error().reason()).startsWith("too many headers: 13"));
  }

  @Test
  void sliceOutsideTheBufferIsInvalidNotAnException() {
    assertThat(SipParser.parse(new byte[4], 2, 10, SipDecoderConfig.defaults()))
        .isInstanceOf(SipParseResult.Invalid.class);
  }
}
