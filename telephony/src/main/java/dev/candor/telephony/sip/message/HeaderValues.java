package dev.candor.telephony.sip.message;

/** Parsers for the small scalar headers that have no value type of their own. */
final class HeaderValues {
  private HeaderValues() {}

  /** Max-Forwards: {@code 1*DIGIT}, 0-255 (RFC 3261 §20.22). */
  static ParseResult<Integer> parseMaxForwards(String value) {
    String v = value.trim();
    String stripped = v.replaceFirst("^0+(?=.)", "");
    if (!SipGrammar.isDigits(v) || stripped.length() > 3 || Integer.parseInt(stripped) > 255) {
      return ParseResult.err("invalid Max-Forwards: " + SipGrammar.printable(v) + " (expected 0-255)", 0);
    }
    return ParseResult.ok(Integer.parseInt(stripped));
  }

  /** Content-Length: {@code 1*DIGIT} (RFC 3261 §20.14). */
  static ParseResult<Integer> parseContentLength(String value) {
    String v = value.trim();
    String stripped = v.replaceFirst("^0+(?=.)", "");
    if (!SipGrammar.isDigits(v) || stripped.length() > 9) {
      return ParseResult.err("invalid Content-Length: " + SipGrammar.printable(v) + " (expected 0-999999999)", 0);
    }
    return ParseResult.ok(Integer.parseInt(stripped));
  }

  /** Call-ID: {@code word ["@" word]}, no whitespace (RFC 3261 §20.8). */
  static ParseResult<String> parseCallId(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return ParseResult.err("empty Call-ID", 0);
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '@' && !SipGrammar.isTokenChar(c) && "()<>:\\\"/[]?{}".indexOf(c) < 0) {
        return ParseResult.err("invalid Call-ID: \"" + SipGrammar.printable(v) + "\" (expected word[@word])", i);
      }
    }
    if (v.indexOf('@') != v.lastIndexOf('@') || v.startsWith("@") || v.endsWith("@")) {
      return ParseResult.err("invalid Call-ID: \"" + SipGrammar.printable(v) + "\" (expected word[@word])", 0);
    }
    return ParseResult.ok(v);
  }
}
