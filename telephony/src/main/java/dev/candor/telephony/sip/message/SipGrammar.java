package dev.candor.telephony.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lexical pieces of the RFC 3261 §25 grammar shared by the header parsers. */
final class SipGrammar {
  private static final String TOKEN_SYMBOLS = "-.!%*_+`'~";

  private SipGrammar() {}

  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || TOKEN_SYMBOLS.indexOf(c) >= 0;
  }

  static boolean isToken(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  static int skipWhitespace(CharSequence s, int i) {
    while (i < s.length() && isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isDigits(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A copy of {@code s} safe to put in an error text or a reason phrase: printable ASCII only, capped. */
  static String printable(CharSequence s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 60; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (s.length() > 60) {
      b.append("...");
    }
    return b.toString();
  }

  /**
   * Index just past the quoted-string starting at {@code start} (which must be a double quote), or
   * -1 if it is not terminated. Backslash escapes any character except CR and LF.
   */
  static int endOfQuoted(CharSequence s, int start) {
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length() || s.charAt(i + 1) == '\r' || s.charAt(i + 1) == '\n') {
          return -1;
        }
        i++;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '\r' || c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  /** The content of a quoted-string with its quotes removed and quoted-pairs resolved. */
  static String unquote(CharSequence quoted) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        i++;
        c = quoted.charAt(i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /** {@code s} as a quoted-string, escaping {@code "} and {@code \}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /**
   * Splits a list header value at commas that are outside quoted strings and angle brackets. Empty
   * elements are kept (as empty strings) so that validation can reject them.
   */
  static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        int end = endOfQuoted(value, i);
        if (end < 0) {
          break;
        }
        i = end - 1;
      } else if (c == '<') {
        depth++;
      } else if (c == '>' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(value.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(value.substring(start).trim());
    return out;
  }

  /**
   * Parses header parameters {@code *( SEMI generic-param )} from {@code start} to the end of
   * {@code s}, allowing whitespace around {@code ;} and {@code =}. Names are lower-cased; flag
   * parameters get the value "". Quoted values are kept with their quotes.
   */
  static ParseResult<Map<String, String>> parseParameters(String s, int start) {
    Map<String, String> params = new LinkedHashMap<>();
    int i = skipWhitespace(s, start);
    while (i < s.length()) {
      if (s.charAt(i) != ';') {
        return ParseResult.err("unexpected \"" + printable(s.substring(i)) + "\" (expected ;parameter)", i);
      }
      i = skipWhitespace(s, i + 1);
      int nameStart = i;
      while (i < s.length() && isTokenChar(s.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        return ParseResult.err("empty parameter name in \"" + printable(s) + "\"", i);
      }
      String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i = skipWhitespace(s, i);
      String value = "";
      if (i < s.length() && s.charAt(i) == '=') {
        i = skipWhitespace(s, i + 1);
        int valueStart = i;
        i = endOfParameterValue(s, i);
        if (i <= valueStart) {
          return ParseResult.err("empty or unterminated value for parameter " + name, valueStart);
        }
        value = s.substring(valueStart, i);
        i = skipWhitespace(s, i);
      }
      if (params.containsKey(name)) {
        return ParseResult.err("duplicate parameter: " + name, nameStart);
      }
      params.put(name, value);
    }
    return ParseResult.ok(Collections.unmodifiableMap(params));
  }

  /** End of a gen-value ({@code token / host / quoted-string}) starting at {@code i}; -1 if unterminated. */
  private static int endOfParameterValue(String s, int i) {
    if (i < s.length() && s.charAt(i) == '"') {
      return endOfQuoted(s, i);
    }
    while (i < s.length() && (isTokenChar(s.charAt(i)) || "[]:".indexOf(s.charAt(i)) >= 0)) {
      i++;
    }
    return i;
  }

  /** Appends {@code ;name} or {@code ;name=value} for each parameter. */
  static void appendParameters(StringBuilder b, Map<String, String> params) {
    params.forEach((k, v) -> {
      b.append(';').append(k);
      if (!v.isEmpty()) {
        b.append('=').append(v);
      }
    });
  }

  /** Looks a parameter up by name, ignoring case. */
  static String parameter(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  static Map<String, String> copyParameters(Map<String, String> params) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** {@code params} with {@code name} set, in place if it was there (any case), else at the end. */
  static Map<String, String> withParameter(Map<String, String> params, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>();
    boolean[] replaced = {false};
    params.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(name)) {
        copy.put(k, v);
      } else if (!replaced[0]) {
        copy.put(name, value);
        replaced[0] = true;
      }
    });
    copy.putIfAbsent(name, value);
    return Collections.unmodifiableMap(copy);
  }

  /** Parses a port number, 1-65535. */
  static ParseResult<Integer> parsePort(String s, int offset) {
    if (!isDigits(s) || s.length() > 5 || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
      return ParseResult.err("invalid port: " + printable(s) + " (expected 1-65535)", offset);
    }
    return ParseResult.ok(Integer.parseInt(s));
  }

  /** True for a hostname or IPv4 address ({@code alphanum / "-" / "."}, not empty). */
  static boolean isHostname(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.startsWith("-") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** True for a bracketed IPv6 reference such as {@code [2001:db8::10]}. */
  static boolean isIpv6Reference(String s) {
    return s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']'
        && isIpv6(s.substring(1, s.length() - 1));
  }

  /** RFC 4291 textual IPv6 address, optionally ending in a dotted IPv4 address. */
  static boolean isIpv6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    List<String> groups = new ArrayList<>();
    if (dbl >= 0) {
      if (!addGroups(s.substring(0, dbl), groups) || !addGroups(s.substring(dbl + 2), groups)) {
        return false;
      }
    } else if (!addGroups(s, groups)) {
      return false;
    }
    int count = 0;
    for (int i = 0; i < groups.size(); i++) {
      String g = groups.get(i);
      if (g.contains(".")) {
        if (i != groups.size() - 1 || !isIpv4(g)) {
          return false;
        }
        count += 2;
      } else if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return false;
      } else {
        count++;
      }
    }
    return dbl >= 0 ? count <= 7 : count == 8;
  }

  private static boolean addGroups(String part, List<String> groups) {
    if (part.isEmpty()) {
      return true;
    }
    for (String g : part.split(":", -1)) {
      if (g.isEmpty()) {
        return false;
      }
      groups.add(g);
    }
    return true;
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (!isDigits(p) || p.length() > 3 || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
