package dev.candor.telephony.sip.message;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A SIP method: an open enum in the style of Netty's {@code HttpMethod}. The RFC 3261 methods and
 * common extensions are constants; any other RFC 3261 token is a valid extension method that
 * survives a round trip. Method names are case-sensitive (RFC 3261 §7.1).
 */
public final class SipMethod {
  public static final SipMethod INVITE = new SipMethod("INVITE", true);
  public static final SipMethod ACK = new SipMethod("ACK", true);
  public static final SipMethod BYE = new SipMethod("BYE", true);
  public static final SipMethod CANCEL = new SipMethod("CANCEL", true);
  public static final SipMethod OPTIONS = new SipMethod("OPTIONS", true);
  public static final SipMethod REGISTER = new SipMethod("REGISTER", true);
  public static final SipMethod INFO = new SipMethod("INFO", true);
  public static final SipMethod PRACK = new SipMethod("PRACK", true);
  public static final SipMethod UPDATE = new SipMethod("UPDATE", true);
  public static final SipMethod SUBSCRIBE = new SipMethod("SUBSCRIBE", true);
  public static final SipMethod NOTIFY = new SipMethod("NOTIFY", true);
  public static final SipMethod REFER = new SipMethod("REFER", true);
  public static final SipMethod MESSAGE = new SipMethod("MESSAGE", true);
  public static final SipMethod PUBLISH = new SipMethod("PUBLISH", true);

  private static final Map<String, SipMethod> STANDARD =
      Stream.of(INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, INFO, PRACK, UPDATE, SUBSCRIBE, NOTIFY,
              REFER, MESSAGE, PUBLISH)
          .collect(Collectors.toUnmodifiableMap(SipMethod::name, Function.identity()));

  private final String name;
  private final boolean standard;

  private SipMethod(String name, boolean standard) {
    this.name = name;
    this.standard = standard;
  }

  /**
   * The method named {@code token}: the constant for a known name, otherwise a new extension method.
   *
   * @throws IllegalArgumentException if {@code token} is not an RFC 3261 token
   */
  public static SipMethod valueOf(String token) {
    Objects.requireNonNull(token, "token");
    SipMethod known = STANDARD.get(token);
    if (known != null) {
      return known;
    }
    if (!SipGrammar.isToken(token)) {
      throw new IllegalArgumentException(
          "invalid SIP method: \"" + SipGrammar.printable(token) + "\" (expected an RFC 3261 token)");
    }
    return new SipMethod(token, false);
  }

  /** Network-input variant of {@link #valueOf(String)}. */
  public static ParseResult<SipMethod> parse(CharSequence token) {
    String s = token.toString();
    if (!SipGrammar.isToken(s)) {
      return ParseResult.err(
          "invalid SIP method: \"" + SipGrammar.printable(s) + "\" (expected an RFC 3261 token)", 0);
    }
    return ParseResult.ok(valueOf(s));
  }

  public String name() {
    return name;
  }

  /** True for the constants defined in this class. */
  public boolean isStandard() {
    return standard;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipMethod other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
