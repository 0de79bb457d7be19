package dev.candor.telephony.sip.message;

/**
 * {@code host [":" port]} as in SIP URIs and Via sent-by (RFC 3261 §25.1): a hostname, IPv4
 * address or bracketed IPv6 reference, then an optional port.
 *
 * @param host the host, IPv6 without brackets
 * @param port the port, -1 when absent
 * @param end index just past what was read
 */
record HostPort(String host, int port, int end) {

  /**
   * Reads a host and optional port from {@code s} at {@code i}. The host ends at any character in
   * {@code stops}; with {@code spaces}, whitespace is allowed around the colon (Via's COLON).
   */
  static ParseResult<HostPort> parse(String s, int i, String stops, boolean spaces) {
    String host;
    int end;
    if (i < s.length() && s.charAt(i) == '[') {
      end = s.indexOf(']', i) + 1;
      if (end == 0 || !SipGrammar.isIpv6(s.substring(i + 1, end - 1))) {
        return ParseResult.err("invalid IPv6 reference: \"" + SipGrammar.printable(s.substring(i)) + "\"", i);
      }
      host = s.substring(i + 1, end - 1);
    } else {
      end = i;
      while (end < s.length() && stops.indexOf(s.charAt(end)) < 0 && s.charAt(end) != ':') {
        end++;
      }
      host = s.substring(i, end);
      if (!SipGrammar.isHostname(host)) {
        return ParseResult.err("invalid host: \"" + SipGrammar.printable(host)
            + "\" (expected hostname, IPv4 or [IPv6])", i);
      }
    }
    int j = spaces ? SipGrammar.skipWhitespace(s, end) : end;
    if (j >= s.length() || s.charAt(j) != ':') {
      return ParseResult.ok(new HostPort(host, -1, end));
    }
    int portStart = spaces ? SipGrammar.skipWhitespace(s, j + 1) : j + 1;
    int portEnd = portStart;
    while (portEnd < s.length() && stops.indexOf(s.charAt(portEnd)) < 0) {
      portEnd++;
    }
    ParseResult<Integer> port = SipGrammar.parsePort(s.substring(portStart, portEnd), portStart);
    if (port instanceof ParseResult.Err<Integer> err) {
      return ParseResult.err(err.failure());
    }
    return ParseResult.ok(new HostPort(host, port.orElseThrow(), portEnd));
  }
}
