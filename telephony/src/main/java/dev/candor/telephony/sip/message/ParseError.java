package dev.candor.telephony.sip.message;

import java.util.Objects;

/**
 * Why network input could not be parsed, and roughly where.
 *
 * @param reason what was wrong, naming the bad value and what was expected
 * @param offset character offset into the parsed text where the problem was found (0 when unknown)
 */
public record ParseError(String reason, int offset) {
  public ParseError {
    Objects.requireNonNull(reason, "reason");
  }

  /** The same error with its offset shifted by {@code delta}, for errors from a nested parse. */
  public ParseError shifted(int delta) {
    return new ParseError(reason, offset + delta);
  }
}
