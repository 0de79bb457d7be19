package dev.candor.telephony.sip.message;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * One Via header element (RFC 3261 §20.42, §18.2.2; RFC 3581 rport).
 *
 * @param protocol "SIP/2.0" (protocol name and version without whitespace)
 * @param transport "UDP", "TCP", "TLS", ... as written
 * @param host sent-by host; IPv6 addresses without brackets
 * @param port sent-by port, -1 when absent
 * @param parameters via-params, names lower-cased, "" for flags such as a bare {@code rport}
 */
public record Via(String protocol, String transport, String host, int port, Map<String, String> parameters) {
  /** The RFC 3261 branch prefix that marks a globally unique branch. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  public Via {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    if (port != -1 && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("invalid port: " + port + " (expected 1-65535 or -1)");
    }
    parameters = SipGrammar.copyParameters(Objects.requireNonNull(parameters, "parameters"));
  }

  /** Parses one via-parm (not a comma-separated list) from network input. */
  public static ParseResult<Via> parse(CharSequence input) {
    String s = input.toString();
    int[] pos = {SipGrammar.skipWhitespace(s, 0)};
    String name = token(s, pos);
    String version = slash(s, pos) ? token(s, pos) : null;
    String transport = version != null && slash(s, pos) ? token(s, pos) : null;
    if (name == null || version == null || transport == null) {
      return ParseResult.err("invalid Via sent-protocol: \"" + SipGrammar.printable(s)
          + "\" (expected SIP/2.0/transport)", pos[0]);
    }
    int i = pos[0];
    int hostStart = SipGrammar.skipWhitespace(s, i);
    if (hostStart == i || hostStart >= s.length()) {
      return ParseResult.err("missing Via sent-by in \"" + SipGrammar.printable(s) + "\"", i);
    }
    return parseSentBy(s, hostStart, name + "/" + version, transport);
  }

  private static ParseResult<Via> parseSentBy(String s, int i, String protocol, String transport) {
    ParseResult<HostPort> sentBy = HostPort.parse(s, i, "; \t", true);
    if (sentBy instanceof ParseResult.Err<HostPort> err) {
      return ParseResult.err(new ParseError("invalid Via sent-by: " + err.failure().reason(), err.failure().offset()));
    }
    String host = sentBy.orElseThrow().host();
    int port = sentBy.orElseThrow().port();
    int j = sentBy.orElseThrow().end();
    ParseResult<Map<String, String>> params = SipGrammar.parseParameters(s, j);
    if (!params.isOk()) {
      return ParseResult.err(params.error().orElseThrow());
    }
    return ParseResult.ok(new Via(protocol, transport, host, port, params.orElseThrow()));
  }

  private static String token(String s, int[] pos) {
    int i = SipGrammar.skipWhitespace(s, pos[0]);
    int start = i;
    while (i < s.length() && SipGrammar.isTokenChar(s.charAt(i))) {
      i++;
    }
    pos[0] = i;
    return i == start ? null : s.substring(start, i);
  }

  private static boolean slash(String s, int[] pos) {
    int i = SipGrammar.skipWhitespace(s, pos[0]);
    if (i < s.length() && s.charAt(i) == '/') {
      pos[0] = i + 1;
      return true;
    }
    return false;
  }

  /**
   * A SIP/2.0 Via for code.
   *
   * @throws IllegalArgumentException if the transport is not a token, the host is invalid or the
   *     branch is not a token
   */
  public static Via of(String transport, String host, int port, String branch) {
    if (!SipGrammar.isToken(Objects.requireNonNull(transport, "transport"))) {
      throw new IllegalArgumentException("invalid transport: " + transport + " (expected a token)");
    }
    if (!SipGrammar.isHostname(host) && !SipGrammar.isIpv6(host)) {
      throw new IllegalArgumentException("invalid host: " + host + " (expected hostname, IPv4 or IPv6)");
    }
    if (!SipGrammar.isToken(Objects.requireNonNull(branch, "branch"))) {
      throw new IllegalArgumentException("invalid branch: " + branch + " (expected a token)");
    }
    return new Via("SIP/2.0", transport, host, port, Map.of("branch", branch));
  }

  /** A new RFC 3261 branch: the magic cookie followed by 24 random hex digits. */
  public static String newBranch(RandomGenerator random) {
    return MAGIC_COOKIE + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Integer.toHexString(random.nextInt() | Integer.MIN_VALUE);
  }

  public Optional<String> branch() {
    return parameter("branch");
  }

  public Optional<String> received() {
    return parameter("received");
  }

  /** True if an {@code rport} parameter is present, with or without a value. */
  public boolean hasRport() {
    return parameter("rport").isPresent();
  }

  /** The value of {@code rport}, if present and numeric. */
  public OptionalInt rport() {
    Optional<String> v = parameter("rport");
    if (v.isPresent() && SipGrammar.isDigits(v.get()) && v.get().length() <= 5) {
      return OptionalInt.of(Integer.parseInt(v.get()));
    }
    return OptionalInt.empty();
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(SipGrammar.parameter(parameters, name));
  }

  public Via withReceived(String address) {
    Objects.requireNonNull(address, "address");
    String value = SipGrammar.isIpv6(address) ? "[" + address + "]" : address;
    return withParameter("received", value);
  }

  public Via withRport(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid rport: " + port + " (expected 1-65535)");
    }
    return withParameter("rport", Integer.toString(port));
  }

  public Via withParameter(String name, String value) {
    return new Via(protocol, transport, host, port, SipGrammar.withParameter(parameters, name, value));
  }

  /** {@code host[:port]} with IPv6 addresses in brackets. */
  public String sentBy() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == -1 ? h : h + ":" + port;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(protocol).append('/').append(transport).append(' ').append(sentBy());
    SipGrammar.appendParameters(b, parameters);
    return b.toString();
  }
}
