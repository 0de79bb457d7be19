package dev.candor.telephony.sip.message;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Header name knowledge: compact forms (RFC 3261 §7.3.3 and extensions) and which headers are lists. */
final class HeaderNames {
  private static final Map<String, String> COMPACT = Map.ofEntries(
      Map.entry("v", "Via"), Map.entry("f", "From"), Map.entry("t", "To"), Map.entry("i", "Call-ID"),
      Map.entry("m", "Contact"), Map.entry("l", "Content-Length"), Map.entry("c", "Content-Type"),
      Map.entry("k", "Supported"), Map.entry("s", "Subject"), Map.entry("e", "Content-Encoding"),
      Map.entry("o", "Event"), Map.entry("u", "Allow-Events"), Map.entry("r", "Refer-To"),
      Map.entry("b", "Referred-By"), Map.entry("x", "Session-Expires"));

  /** Headers whose values are comma-separated lists (RFC 3261 §7.3.1), lower-case. */
  private static final Set<String> LISTS = Set.of("via", "contact", "route", "record-route", "allow",
      "supported", "require", "proxy-require", "unsupported", "accept", "accept-encoding",
      "accept-language", "allow-events", "content-encoding", "content-language", "in-reply-to",
      "alert-info", "call-info", "error-info", "warning", "path", "service-route", "reply-to",
      "p-asserted-identity", "p-preferred-identity");

  private HeaderNames() {}

  /** The full name for a compact form, or {@code name} itself. */
  static String fullName(String name) {
    if (name.length() == 1) {
      String full = COMPACT.get(name.toLowerCase(Locale.ROOT));
      if (full != null) {
        return full;
      }
    }
    return name;
  }

  /** A lower-case key that is equal for every spelling of the same header. */
  static String key(String name) {
    return fullName(name).toLowerCase(Locale.ROOT);
  }

  static boolean isList(String name) {
    return LISTS.contains(key(name));
  }
}
