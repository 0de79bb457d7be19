package dev.candor.telephony.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The headers of a message, immutable, in the order received and with names as written. Lookups
 * ignore case and understand compact forms ({@code v} = Via, {@code m} = Contact, ...).
 */
public final class SipHeaders {
  private static final SipHeaders EMPTY = new SipHeaders(List.of());

  private final List<SipHeader> headers;

  private SipHeaders(List<SipHeader> headers) {
    this.headers = List.copyOf(headers);
  }

  public static SipHeaders of(List<SipHeader> headers) {
    return new SipHeaders(Objects.requireNonNull(headers, "headers"));
  }

  public static SipHeaders empty() {
    return EMPTY;
  }

  private static boolean matches(SipHeader h, String key) {
    return HeaderNames.key(h.name()).equals(key);
  }

  /** The first value of {@code name}; for list headers, the first list element. */
  public Optional<String> first(String name) {
    String key = HeaderNames.key(name);
    for (SipHeader h : headers) {
      if (matches(h, key)) {
        return Optional.of(HeaderNames.isList(key) ? SipGrammar.splitList(h.value()).get(0) : h.value());
      }
    }
    return Optional.empty();
  }

  /**
   * Every value of {@code name} in order. Values of list headers (Via, Contact, Route, Allow, ...)
   * are split at top-level commas; others (From, To, Authorization, Date, ...) are returned whole.
   */
  public List<String> all(String name) {
    String key = HeaderNames.key(name);
    boolean list = HeaderNames.isList(key);
    List<String> out = new ArrayList<>();
    for (SipHeader h : headers) {
      if (matches(h, key)) {
        if (list) {
          out.addAll(SipGrammar.splitList(h.value()));
        } else {
          out.add(h.value());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The raw header lines named {@code name} (any spelling), values unsplit. */
  public List<SipHeader> lines(String name) {
    String key = HeaderNames.key(name);
    return headers.stream().filter(h -> matches(h, key)).toList();
  }

  public boolean contains(String name) {
    String key = HeaderNames.key(name);
    return headers.stream().anyMatch(h -> matches(h, key));
  }

  /** These headers with {@code name: value} appended. */
  public SipHeaders with(String name, String value) {
    List<SipHeader> copy = new ArrayList<>(headers);
    copy.add(checked(name, value));
    return new SipHeaders(copy);
  }

  /** These headers with {@code name: value} first, e.g. a new top Via. */
  public SipHeaders withFirst(String name, String value) {
    List<SipHeader> copy = new ArrayList<>(headers.size() + 1);
    copy.add(checked(name, value));
    copy.addAll(headers);
    return new SipHeaders(copy);
  }

  /**
   * Removes every occurrence of {@code name} (any spelling) and puts one line per value where the
   * first removed line was, or at the end.
   */
  public SipHeaders replacing(String name, String... values) {
    String key = HeaderNames.key(name);
    List<SipHeader> copy = new ArrayList<>(headers.size() + values.length);
    int at = -1;
    for (SipHeader h : headers) {
      if (matches(h, key)) {
        if (at < 0) {
          at = copy.size();
        }
      } else {
        copy.add(h);
      }
    }
    List<SipHeader> added = new ArrayList<>();
    for (String v : values) {
      added.add(checked(name, v));
    }
    copy.addAll(at < 0 ? copy.size() : at, added);
    return new SipHeaders(copy);
  }

  public SipHeaders without(String name) {
    return replacing(name);
  }

  public List<SipHeader> asList() {
    return headers;
  }

  public int size() {
    return headers.size();
  }

  private static SipHeader checked(String name, String value) {
    Objects.requireNonNull(value, "value");
    if (!SipGrammar.isToken(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException("invalid header name: \"" + SipGrammar.printable(name) + "\" (expected a token)");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("invalid value for " + name + ": contains CR or LF");
    }
    return new SipHeader(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipHeaders other && other.headers.equals(headers);
  }

  @Override
  public int hashCode() {
    return headers.hashCode();
  }

  @Override
  public String toString() {
    return headers.toString();
  }
}
