package dev.candor.telephony.sip.message;

import java.util.Objects;

/**
 * The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and a method.
 */
public record CSeq(long sequence, SipMethod method) {
  /** Sequence numbers must be less than 2^31. */
  public static final long LIMIT = 1L << 31;

  public CSeq {
    Objects.requireNonNull(method, "method");
    if (sequence < 0 || sequence >= LIMIT) {
      throw new IllegalArgumentException("invalid CSeq number: " + sequence + " (expected 0-2147483647)");
    }
  }

  /** Parses {@code 1*DIGIT LWS Method} from network input. */
  public static ParseResult<CSeq> parse(CharSequence input) {
    String s = input.toString().trim();
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
      i++;
    }
    String digits = s.substring(0, i);
    int j = SipGrammar.skipWhitespace(s, i);
    String method = s.substring(j);
    if (digits.isEmpty() || j == i || !SipGrammar.isToken(method)) {
      return ParseResult.err("invalid CSeq: \"" + SipGrammar.printable(s) + "\" (expected number method)", i);
    }
    String stripped = digits.replaceFirst("^0+(?=.)", "");
    if (stripped.length() > 10 || Long.parseLong(stripped) >= LIMIT) {
      return ParseResult.err("invalid CSeq number: " + SipGrammar.printable(digits) + " (expected 0-2147483647)", 0);
    }
    return ParseResult.ok(new CSeq(Long.parseLong(stripped), SipMethod.valueOf(method)));
  }

  /**
   * A CSeq for code.
   *
   * @throws IllegalArgumentException if {@code sequence} is negative or at least 2^31
   */
  public static CSeq of(long sequence, SipMethod method) {
    return new CSeq(sequence, method);
  }

  /** The next CSeq for a new request with {@code method} in the same dialog. */
  public CSeq next(SipMethod nextMethod) {
    return new CSeq(sequence + 1, nextMethod);
  }

  @Override
  public String toString() {
    return sequence + " " + method;
  }
}
