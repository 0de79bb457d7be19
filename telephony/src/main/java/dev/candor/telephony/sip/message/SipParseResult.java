package dev.candor.telephony.sip.message;

import java.util.Objects;
import java.util.Optional;

/** What {@link SipParser} made of one datagram. */
public sealed interface SipParseResult {

  /** A well-formed message whose mandatory headers all parse. */
  record Parsed(SipMessage message) implements SipParseResult {
    public Parsed {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A message that must not be processed.
   *
   * @param error why
   * @param request true if the input looked like a request (not a response, not junk)
   * @param response the 400 or 505 to send back, present only for a request whose Via could be
   *     parsed and that had From, To, Call-ID and CSeq to copy
   */
  record Invalid(ParseError error, boolean request, Optional<SipResponse> response) implements SipParseResult {
    public Invalid {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(response, "response");
    }
  }
}
