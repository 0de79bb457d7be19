package dev.candor.telephony.sip.message;

/**
 * The status line a {@code message/sipfrag} body (RFC 3420) carries in a NOTIFY about a REFER
 * (RFC 3515 §2.4.5): {@code SIP/2.0 200 OK}. Only the first line matters; headers that may follow it
 * are ignored.
 */
public record SipFrag(int statusCode, String reasonPhrase) {

  public SipFrag {
    if (statusCode < 100 || statusCode > 699) {
      throw new IllegalArgumentException("invalid status code: " + statusCode + " (expected 100-699)");
    }
    reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
  }

  /** Parses network input: the first line of the body must be a SIP/2.0 Status-Line. */
  public static ParseResult<SipFrag> parse(CharSequence body) {
    String text = body.toString();
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase(StartLines.VERSION)) {
      return ParseResult.err("invalid sipfrag: \"" + SipGrammar.printable(line)
          + "\" (expected a Status-Line such as SIP/2.0 200 OK)", 0);
    }
    if (!parts[1].matches("[1-6][0-9][0-9]")) {
      return ParseResult.err("invalid status code in sipfrag: \"" + SipGrammar.printable(parts[1])
          + "\" (expected 100-699)", parts[0].length() + 1);
    }
    return ParseResult.ok(new SipFrag(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : ""));
  }

  public boolean isProvisional() {
    return statusCode < 200;
  }

  public boolean isSuccess() {
    return statusCode >= 200 && statusCode < 300;
  }

  @Override
  public String toString() {
    return StartLines.VERSION + " " + statusCode + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
  }
}
