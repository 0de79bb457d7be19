package dev.candor.telephony.sip.message;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of From, To, Contact, Route and similar headers (RFC 3261 §20.10, §25.1):
 * {@code [display-name] <uri> *(;param)} or {@code uri *(;param)}. In the second (addr-spec) form the
 * parameters after the URI belong to the header, not to the URI, and the URI may not contain
 * {@code ;}, {@code ,} or {@code ?}.
 *
 * @param displayName display name with quotes and escapes removed, or null
 * @param uri the address
 * @param parameters header parameters such as {@code tag}, names lower-cased
 */
public record NameAddr(String displayName, SipUri uri, Map<String, String> parameters) {

  public NameAddr {
    Objects.requireNonNull(uri, "uri");
    parameters = SipGrammar.copyParameters(Objects.requireNonNull(parameters, "parameters"));
  }

  /** Parses one name-addr or addr-spec with parameters, from network input. */
  public static ParseResult<NameAddr> parse(CharSequence input) {
    String s = input.toString();
    int i = SipGrammar.skipWhitespace(s, 0);
    if (i >= s.length()) {
      return ParseResult.err("empty address (expected name-addr or addr-spec)", i);
    }
    if (s.charAt(i) == '"') {
      int end = SipGrammar.endOfQuoted(s, i);
      if (end < 0) {
        return ParseResult.err("unterminated quoted display name in \"" + SipGrammar.printable(s) + "\"", i);
      }
      int lt = SipGrammar.skipWhitespace(s, end);
      if (lt >= s.length() || s.charAt(lt) != '<') {
        return ParseResult.err("expected <uri> after display name in \"" + SipGrammar.printable(s) + "\"", lt);
      }
      return parseBracketed(s, SipGrammar.unquote(s.substring(i, end)), lt);
    }
    int j = i;
    while (j < s.length() && (SipGrammar.isTokenChar(s.charAt(j)) || SipGrammar.isWhitespace(s.charAt(j)))) {
      j++;
    }
    if (j < s.length() && s.charAt(j) == '<') {
      String display = s.substring(i, j).trim();
      return parseBracketed(s, display.isEmpty() ? null : display, j);
    }
    return parseAddrSpec(s, i);
  }

  private static ParseResult<NameAddr> parseBracketed(String s, String display, int lt) {
    int gt = s.indexOf('>', lt);
    if (gt < 0) {
      return ParseResult.err("missing > in \"" + SipGrammar.printable(s) + "\"", lt);
    }
    ParseResult<SipUri> uri = SipUri.parse(s.substring(lt + 1, gt));
    if (!uri.isOk()) {
      return ParseResult.err(uri.error().orElseThrow().shifted(lt + 1));
    }
    return withParams(display, uri.orElseThrow(), s, gt + 1);
  }

  private static ParseResult<NameAddr> parseAddrSpec(String s, int i) {
    int end = i;
    while (end < s.length() && ";, \t".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    String text = s.substring(i, end);
    if (text.indexOf('?') >= 0 || (end < s.length() && s.charAt(end) == ',')) {
      return ParseResult.err("invalid address: \"" + SipGrammar.printable(s)
          + "\" (expected \"name\" <uri>, or a URI without ?, ; or , outside <>)", end);
    }
    ParseResult<SipUri> uri = SipUri.parse(text);
    if (!uri.isOk()) {
      return ParseResult.err(uri.error().orElseThrow().shifted(i));
    }
    return withParams(null, uri.orElseThrow(), s, end);
  }

  private static ParseResult<NameAddr> withParams(String display, SipUri uri, String s, int from) {
    ParseResult<Map<String, String>> params = SipGrammar.parseParameters(s, from);
    if (!params.isOk()) {
      return ParseResult.err(params.error().orElseThrow());
    }
    return ParseResult.ok(new NameAddr(display, uri, params.orElseThrow()));
  }

  /** An address with no display name and no parameters. */
  public static NameAddr of(SipUri uri) {
    return new NameAddr(null, uri, Map.of());
  }

  /** An address with a display name and no parameters. */
  public static NameAddr of(String displayName, SipUri uri) {
    return new NameAddr(displayName, uri, Map.of());
  }

  public Optional<String> tag() {
    return parameter("tag");
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(SipGrammar.parameter(parameters, name));
  }

  /**
   * This address with {@code tag} set.
   *
   * @throws IllegalArgumentException if {@code tag} is not a token
   */
  public NameAddr withTag(String tag) {
    if (!SipGrammar.isToken(Objects.requireNonNull(tag, "tag"))) {
      throw new IllegalArgumentException("invalid tag: " + tag + " (expected a token)");
    }
    return withParameter("tag", tag);
  }

  public NameAddr withParameter(String name, String value) {
    return new NameAddr(displayName, uri, SipGrammar.withParameter(parameters, name, value));
  }

  /** Always the {@code "name" <uri>;params} form. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (displayName != null && !displayName.isEmpty()) {
      b.append(SipGrammar.quote(displayName)).append(' ');
    }
    b.append('<').append(uri).append('>');
    SipGrammar.appendParameters(b, parameters);
    return b.toString();
  }
}
