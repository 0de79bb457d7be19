package dev.candor.telephony.sip.message;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shared grammar of the Digest headers (RFC 3261 §25.1, RFC 7616 §3.3-3.4):
 * <pre>
 *   challenge / credentials = "Digest" LWS auth-param *(COMMA auth-param)
 *   auth-param = token EQUAL ( token / quoted-string )
 * </pre>
 * Parameter names are case-insensitive and returned in lower case; a repeated name is an error.
 */
final class DigestParams {
  private DigestParams() {}

  static ParseResult<Map<String, String>> parse(CharSequence input) {
    String s = input.toString();
    int i = SipGrammar.skipWhitespace(s, 0);
    int schemeEnd = i;
    while (schemeEnd < s.length() && SipGrammar.isTokenChar(s.charAt(schemeEnd))) {
      schemeEnd++;
    }
    if (!s.substring(i, schemeEnd).equalsIgnoreCase("Digest")) {
      return ParseResult.err("invalid auth scheme: " + SipGrammar.printable(s.substring(i, schemeEnd))
          + " (expected Digest)", i);
    }
    i = skipLws(s, schemeEnd);
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      int nameStart = i;
      while (i < s.length() && SipGrammar.isTokenChar(s.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        return ParseResult.err("expected an auth-param name", i);
      }
      String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i = skipLws(s, i);
      if (i >= s.length() || s.charAt(i) != '=') {
        return ParseResult.err("expected '=' after " + SipGrammar.printable(name), i);
      }
      i = skipLws(s, i + 1);
      String value;
      if (i < s.length() && s.charAt(i) == '"') {
        int end = SipGrammar.endOfQuoted(s, i);
        if (end < 0) {
          return ParseResult.err("unterminated quoted value of " + SipGrammar.printable(name), i);
        }
        value = SipGrammar.unquote(s.substring(i, end));
        i = end;
      } else {
        int valueStart = i;
        while (i < s.length() && SipGrammar.isTokenChar(s.charAt(i))) {
          i++;
        }
        if (i == valueStart) {
          return ParseResult.err("expected a value for " + SipGrammar.printable(name), i);
        }
        value = s.substring(valueStart, i);
      }
      if (params.putIfAbsent(name, value) != null) {
        return ParseResult.err("repeated auth-param: " + SipGrammar.printable(name), nameStart);
      }
      i = skipLws(s, i);
      if (i >= s.length()) {
        return ParseResult.ok(params);
      }
      if (s.charAt(i) != ',') {
        return ParseResult.err("expected ',' between auth-params", i);
      }
      i = skipLws(s, i + 1);
    }
  }

  private static int skipLws(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r'
        || s.charAt(i) == '\n')) {
      i++;
    }
    return i;
  }

  static String quote(String value) {
    return SipGrammar.quote(value);
  }

  static boolean isToken(String value) {
    return SipGrammar.isToken(value);
  }
}
