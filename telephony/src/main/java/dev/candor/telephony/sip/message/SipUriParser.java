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
    ParseResult<HostPort> hostPort = HostPort.parse(rest, i, ";?", false);
    if (hostPort instanceof ParseResult.Err<HostPort> err) {
      return ParseResult.err(err.failure().shifted(base));
    }
    String host = hostPort.orElseThrow().host();
    int port = hostPort.orElseThrow().port();
    int j = hostPort.orElseThrow().end();
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
