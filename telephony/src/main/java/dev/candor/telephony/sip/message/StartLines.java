package dev.candor.telephony.sip.message;

/** Request-Line and Status-Line (RFC 3261 §7.1, §7.2). Single spaces only; no trailing whitespace. */
final class StartLines {
  static final String VERSION = "SIP/2.0";

  private StartLines() {}

  static ParseResult<SipRequest> request(String line, SipHeaders headers, byte[] body) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return ParseResult.err("invalid Request-Line: \"" + SipGrammar.printable(line)
          + "\" (expected Method SP Request-URI SP SIP/2.0)", 0);
    }
    if (!parts[2].equalsIgnoreCase(VERSION)) {
      String what = isVersion(parts[2]) ? "unsupported SIP version: " : "invalid SIP version: ";
      return ParseResult.err(what + SipGrammar.printable(parts[2]) + " (expected SIP/2.0)", line.lastIndexOf(' ') + 1);
    }
    if (!SipGrammar.isToken(parts[0])) {
      return ParseResult.err("invalid method: \"" + SipGrammar.printable(parts[0]) + "\" (expected a token)", 0);
    }
    ParseResult<SipUri> uri = SipUri.parse(parts[1]);
    if (uri instanceof ParseResult.Err<SipUri> err) {
      return ParseResult.err("invalid Request-URI: " + err.failure().reason(), parts[0].length() + 1);
    }
    if (!uri.orElseThrow().headers().isEmpty()) {
      return ParseResult.err("invalid Request-URI: headers (?...) are not allowed in a Request-URI",
          parts[0].length() + 1);
    }
    return ParseResult.ok(new SipRequest(SipMethod.valueOf(parts[0]), uri.orElseThrow(), headers, body));
  }

  /** True if the line is a request line whose only fault is a well-formed version other than 2.0. */
  static boolean isUnsupportedVersion(String line) {
    String[] parts = line.split(" ", -1);
    return parts.length == 3 && isVersion(parts[2]) && !parts[2].equalsIgnoreCase(VERSION);
  }

  private static boolean isVersion(String s) {
    return s.regionMatches(true, 0, "SIP/", 0, 4) && s.substring(4).matches("[0-9]+\\.[0-9]+");
  }

  static ParseResult<SipResponse> response(String line, SipHeaders headers, byte[] body) {
    String[] parts = line.split(" ", 3);
    if (!parts[0].equalsIgnoreCase(VERSION)) {
      return ParseResult.err("unsupported SIP version: " + SipGrammar.printable(parts[0]) + " (expected SIP/2.0)", 0);
    }
    if (parts.length < 2 || !parts[1].matches("[1-6][0-9][0-9]")) {
      return ParseResult.err("invalid status code in \"" + SipGrammar.printable(line) + "\" (expected 100-699)", 8);
    }
    String reason = parts.length == 3 ? parts[2] : "";
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return ParseResult.err("control character in reason phrase", 12 + i);
      }
    }
    return ParseResult.ok(new SipResponse(Integer.parseInt(parts[1]), reason, headers, body));
  }
}
