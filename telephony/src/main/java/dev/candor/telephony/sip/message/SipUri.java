package dev.candor.telephony.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1), a {@code tel} URI, or any other absolute URI kept opaque.
 *
 * <p>For {@code sip}/{@code sips}: {@code user} is the userinfo before {@code @} exactly as written
 * (still %-escaped, including any {@code :password}), or null; {@code host} is a hostname, an IPv4
 * address or an IPv6 address <em>without</em> brackets; {@code port} is -1 when absent. Parameter
 * names are lower-cased, values kept as written ("" for flags such as {@code lr}).
 * For {@code tel}: the number is in {@code user}, {@code host} is "". For any other scheme the
 * scheme-specific part is kept verbatim in {@code host}.
 */
public record SipUri(String scheme, String user, String host, int port,
    Map<String, String> parameters, Map<String, String> headers) {

  private static final String UNRESERVED = "-_.!~*'()";
  private static final String USER_EXTRA = "&=+$,;?/";
  private static final String PASSWORD_EXTRA = "&=+$,";
  private static final String PARAM_EXTRA = "[]/:&+$";
  private static final String HEADER_EXTRA = "[]/?:+$";

  public SipUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (port != -1 && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("invalid port: " + port + " (expected 1-65535 or -1)");
    }
    parameters = SipGrammar.copyParameters(Objects.requireNonNull(parameters, "parameters"));
    headers = SipGrammar.copyParameters(Objects.requireNonNull(headers, "headers"));
  }

  /** Parses a URI from network input. */
  public static ParseResult<SipUri> parse(CharSequence input) {
    String s = input.toString();
    int colon = s.indexOf(':');
    if (colon <= 0 || !isScheme(s.substring(0, colon))) {
      return ParseResult.err("invalid URI: \"" + SipGrammar.printable(s) + "\" (expected scheme:...)", 0);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') {
        return ParseResult.err("invalid character in URI: \"" + SipGrammar.printable(s) + "\"", i);
      }
    }
    String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = s.substring(colon + 1);
    if (rest.isEmpty()) {
      return ParseResult.err("empty URI after scheme " + scheme, colon + 1);
    }
    return switch (scheme) {
      case "sip", "sips" -> SipUriParser.parseSip(scheme, rest, colon + 1);
      case "tel" -> SipUriParser.parseTel(rest, colon + 1);
      default -> ParseResult.ok(new SipUri(scheme, null, rest, -1, Map.of(), Map.of()));
    };
  }

  /**
   * Parses a URI written in code.
   *
   * @throws IllegalArgumentException if it is not a valid URI
   */
  public static SipUri of(String uri) {
    return parse(Objects.requireNonNull(uri, "uri")).orElseThrow();
  }

  /** A {@code sip:} URI with no parameters. */
  public static SipUri sip(String user, String host, int port) {
    return new SipUri("sip", user, host, port, Map.of(), Map.of());
  }

  private static boolean isScheme(String s) {
    if (s.isEmpty() || !isAlpha(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** True if every character is alphanumeric, unreserved, in {@code extra}, or a valid %HH escape. */
  static boolean isEscapedText(String s, String extra) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          return false;
        }
        i += 2;
      } else if (!(isAlpha(c) || (c >= '0' && c <= '9') || UNRESERVED.indexOf(c) >= 0
          || extra.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  static boolean isUser(String s) {
    int colon = s.indexOf(':');
    String user = colon < 0 ? s : s.substring(0, colon);
    return !user.isEmpty() && isEscapedText(user, USER_EXTRA)
        && (colon < 0 || isEscapedText(s.substring(colon + 1), PASSWORD_EXTRA));
  }

  static boolean isParamText(String s) {
    return !s.isEmpty() && isEscapedText(s, PARAM_EXTRA);
  }

  static boolean isHeaderText(String s) {
    return isEscapedText(s, HEADER_EXTRA);
  }

  public boolean isSip() {
    return scheme.equals("sip") || scheme.equals("sips");
  }

  /** The user part without any password, %-escapes decoded (as UTF-8); empty if there is no user. */
  public Optional<String> unescapedUser() {
    if (user == null) {
      return Optional.empty();
    }
    int colon = scheme.equals("tel") ? -1 : user.indexOf(':');
    String raw = colon < 0 ? user : user.substring(0, colon);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
          && Character.digit(raw.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }

  /** The password from {@code user:password@host}, if any. */
  public Optional<String> password() {
    if (user == null || !isSip() || user.indexOf(':') < 0) {
      return Optional.empty();
    }
    return Optional.of(user.substring(user.indexOf(':') + 1));
  }

  /** {@code host[:port]}, with IPv6 addresses in brackets. */
  public String hostPort() {
    String h = isSip() && host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == -1 ? h : h + ":" + port;
  }

  /** The port, or the scheme's default: 5061 for sips, 5060 otherwise. */
  public int portOrDefault() {
    if (port != -1) {
      return port;
    }
    return scheme.equals("sips") ? 5061 : 5060;
  }

  /** A parameter by name, ignoring case; "" for flag parameters. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(SipGrammar.parameter(parameters, name));
  }

  /** This URI with {@code name} set to {@code value} ("" for a flag), replacing any earlier value. */
  public SipUri withParameter(String name, String value) {
    Objects.requireNonNull(value, "value");
    if (!SipGrammar.isToken(name) || (!value.isEmpty() && !isParamText(value))) {
      throw new IllegalArgumentException("invalid URI parameter: " + name + "=" + value);
    }
    return new SipUri(scheme, user, host, port,
        SipGrammar.withParameter(parameters, name.toLowerCase(Locale.ROOT), value), headers);
  }

  /** This URI without any parameters or headers, e.g. for comparing targets. */
  public SipUri withoutParameters() {
    return new SipUri(scheme, user, host, port, Map.of(), Map.of());
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(scheme).append(':');
    if (!isSip() && !scheme.equals("tel")) {
      return b.append(host).toString();
    }
    if (user != null) {
      b.append(user);
      if (isSip()) {
        b.append('@');
      }
    }
    if (isSip()) {
      b.append(hostPort());
    }
    SipGrammar.appendParameters(b, parameters);
    if (!headers.isEmpty()) {
      StringJoiner j = new StringJoiner("&", "?", "");
      headers.forEach((k, v) -> j.add(k + "=" + v));
      b.append(j);
    }
    return b.toString();
  }

  static Map<String, String> orderedMap() {
    return new LinkedHashMap<>();
  }
}
