package dev.candor.telephony.sip.message;

import java.util.Locale;
import java.util.Map;

/** The sip/sips and tel halves of {@link SipUri#parse(CharSequence)}. */
final class SipUriParser {
  private SipUriParser() {}

  /** {@code rest} is everything after "sip:"; {@code base} its offset in the whole URI. */
  static ParseResult<SipUri> parseSip(String scheme, String rest, int base) {
    String user = null;
    int i = 0;
    int at = rest.indexOf('@');
    if (at >= 0) {
      user = rest.substring(0, at);
      if (!SipUri.isUser(user)) {
        return ParseResult.err("invalid user part in URI: \"" + SipGrammar.printable(user) + "\"", base);
      }
      i = at + 1;
    }
    int hostEnd;
    String host;
    if (i < rest.length() && rest.charAt(i) == '[') {
      int close = rest.indexOf(']', i);
      if (close < 0 || !SipGrammar.isIpv6(rest.substring(i + 1, close))) {
        return ParseResult.err("invalid IPv6 reference in URI: \"" + SipGrammar.printable(rest) + "\"", base + i);
      }
      host = rest.substring(i + 1, close);
      hostEnd = close + 1;
    } else {
      hostEnd = i;
      while (hostEnd < rest.length() && ":;?".indexOf(rest.charAt(hostEnd)) < 0) {
        hostEnd++;
      }
      host = rest.substring(i, hostEnd);
      if (!SipGrammar.isHostname(host)) {
        return ParseResult.err("invalid host in URI: \"" + SipGrammar.printable(host)
            + "\" (expected hostname, IPv4 or [IPv6])", base + i);
      }
    }
    int port = -1;
    int j = hostEnd;
    if (j < rest.length() && rest.charAt(j) == ':') {
      int portEnd = j + 1;
      while (portEnd < rest.length() && ";?".indexOf(rest.charAt(portEnd)) < 0) {
        portEnd++;
      }
      ParseResult<Integer> p = SipGrammar.parsePort(rest.substring(j + 1, portEnd), base + j + 1);
      if (!p.isOk()) {
        return ParseResult.err(p.error().orElseThrow());
      }
      port = p.orElseThrow();
      j = portEnd;
    }
    if (j < rest.length() && ";?".indexOf(rest.charAt(j)) < 0) {
      return ParseResult.err("unexpected text after host in URI: \"" + SipGrammar.printable(rest) + "\"", base + j);
    }
    return parseTail(scheme, user, host, port, rest, j, base);
  }

  private static ParseResult<SipUri> parseTail(String scheme, String user, String host, int port,
      String rest, int j, int base) {
    int q = rest.indexOf('?', j);
    String paramText = q < 0 ? rest.substring(j) : rest.substring(j, q);
    ParseResult<Map<String, String>> params = parseUriParameters(paramText, base + j);
    if (!params.isOk()) {
      return ParseResult.err(params.error().orElseThrow());
    }
    Map<String, String> headers = SipUri.orderedMap();
    if (q >= 0) {
      for (String h : rest.substring(q + 1).split("&", -1)) {
        int eq = h.indexOf('=');
        if (eq <= 0 || !SipUri.isHeaderText(h.substring(0, eq)) || !SipUri.isHeaderText(h.substring(eq + 1))) {
          return ParseResult.err("invalid URI header: \"" + SipGrammar.printable(h) + "\" (expected name=value)", base + q);
        }
        headers.put(h.substring(0, eq), h.substring(eq + 1));
      }
    }
    return ParseResult.ok(new SipUri(scheme, user, host, port, params.orElseThrow(), headers));
  }

  /** {@code text} is empty or starts with ";". */
  static ParseResult<Map<String, String>> parseUriParameters(String text, int base) {
    Map<String, String> params = SipUri.orderedMap();
    if (text.isEmpty()) {
      return ParseResult.ok(params);
    }
    String[] parts = text.substring(1).split(";", -1);
    for (String part : parts) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      if (!SipUri.isParamText(name) || (eq >= 0 && !SipUri.isParamText(value))) {
        return ParseResult.err("invalid URI parameter: \"" + SipGrammar.printable(part) + "\"", base);
      }
      String key = name.toLowerCase(Locale.ROOT);
      if (params.containsKey(key)) {
        return ParseResult.err("duplicate URI parameter: " + SipGrammar.printable(name), base);
      }
      params.put(key, value);
    }
    return ParseResult.ok(params);
  }

  /** {@code rest} is everything after "tel:". */
  static ParseResult<SipUri> parseTel(String rest, int base) {
    int semi = rest.indexOf(';');
    String number = semi < 0 ? rest : rest.substring(0, semi);
    if (number.isEmpty() || !SipUri.isEscapedText(number, "+#*")) {
      return ParseResult.err("invalid tel number: \"" + SipGrammar.printable(number) + "\"", base);
    }
    ParseResult<Map<String, String>> params =
        parseUriParameters(semi < 0 ? "" : rest.substring(semi), base + Math.max(semi, 0));
    if (!params.isOk()) {
      return ParseResult.err(params.error().orElseThrow());
    }
    return ParseResult.ok(new SipUri("tel", number, "", -1, params.orElseThrow(), Map.of()));
  }
}
