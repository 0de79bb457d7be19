package dev.candor.telephony.sip.message;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link SipParser}, the one parser behind every SIP transport, with Jazzer. The contract
 * under test is the parser's: every input, however broken, yields a {@link SipParseResult} (a
 * message, or the parser's own {@link SipParseResult.Invalid} error value), never an exception; and
 * for a message returned as parsed, the typed accessors of the mandatory headers never fail and its
 * serialisation parses again.
 *
 * <p>Seeds: every RFC 4475 and RFC 5118 vector, copied by the build into
 * {@code SipDecoderFuzzTestInputs/decoderYieldsAMessageOrItsOwnErrorValue/} from the folder named by
 * {@code candor.sipVectors}. The normal test run replays the seeds (and any crash reproducer saved
 * in {@code src/test/resources} under the same path); the {@code fuzz-decoder} surefire execution
 * fuzzes for {@code candor.fuzz.seconds} (default 5). Fuzz longer with
 * {@code mvn -o -pl telephony test -Dcandor.fuzz.seconds=600}, or not at all with
 * {@code -Dcandor.fuzz.skip=true}.
 */
class SipDecoderFuzzTest {
  private static final SipDecoderConfig CONFIG = SipDecoderConfig.defaults();

  @FuzzTest(maxDuration = "5s")
  void decoderYieldsAMessageOrItsOwnErrorValue(byte[] datagram) {
    SipParseResult result = SipParser.parse(datagram, 0, datagram.length, CONFIG);
    if (result == null) {
      throw new AssertionError("the parser returned null");
    }
    if (result instanceof SipParseResult.Parsed parsed) {
      SipMessage message = parsed.message();
      exerciseMandatoryHeaders(message);
      byte[] again = message.toBytes();
      SipParseResult reparsed = SipParser.parse(again, 0, again.length, CONFIG);
      if (!(reparsed instanceof SipParseResult.Parsed)) {
        throw new AssertionError("a parsed message did not parse again after serialisation: " + reparsed);
      }
    }
  }

  /** The accessors that {@link SipMessage} promises never fail on a parsed message. */
  private static void exerciseMandatoryHeaders(SipMessage message) {
    message.topVia();
    message.from();
    message.to();
    message.callId();
    message.cseq();
    message.maxForwards();
    message.startLine();
  }
}
