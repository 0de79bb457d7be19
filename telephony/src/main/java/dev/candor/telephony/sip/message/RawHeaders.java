package dev.candor.telephony.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Header lines cut into names and values, folding undone (RFC 3261 §7.3.1: a line starting with SP
 * or HTAB continues the previous one; the line break and leading whitespace become one space).
 * Malformed lines are skipped and the first problem is remembered, so that a 400 can still copy the
 * good headers.
 */
record RawHeaders(SipHeaders headers, Optional<ParseError> error) {

  /** {@code lines[0]} is the start line and is ignored. */
  static RawHeaders unfold(String[] lines, int maxHeaders) {
    Unfolder u = new Unfolder();
    int offset = lines[0].length() + 2;
    for (int n = 1; n < lines.length; n++) {
      u.line(lines[n], offset);
      offset += lines[n].length() + 2;
    }
    u.flush();
    if (u.out.size() > maxHeaders) {
      u.error = first(u.error, "too many headers: " + u.out.size() + " (expected at most " + maxHeaders + ")", 0);
    }
    return new RawHeaders(SipHeaders.of(u.out), Optional.ofNullable(u.error));
  }

  /** Accumulates one logical header at a time. */
  private static final class Unfolder {
    final List<SipHeader> out = new ArrayList<>();
    ParseError error;
    String name;
    StringBuilder value;

    void line(String line, int offset) {
      if (line.indexOf('\r') >= 0) {
        error = first(error, "bare CR in header line: \"" + SipGrammar.printable(line) + "\"", offset);
      } else if (!line.isEmpty() && SipGrammar.isWhitespace(line.charAt(0))) {
        if (name == null) {
          error = first(error, "continuation line without a header: \"" + SipGrammar.printable(line) + "\"", offset);
        } else {
          value.append(' ').append(trim(line));
        }
      } else {
        flush();
        int colon = line.indexOf(':');
        String candidate = colon < 0 ? "" : trim(line.substring(0, colon));
        if (SipGrammar.isToken(candidate)) {
          name = candidate;
          value = new StringBuilder(line.substring(colon + 1));
        } else {
          error = first(error, "malformed header line: \"" + SipGrammar.printable(line)
              + "\" (expected Name: value)", offset);
        }
      }
    }

    void flush() {
      if (name != null) {
        out.add(new SipHeader(name, trim(value.toString())));
        name = null;
      }
    }
  }

  private static ParseError first(ParseError existing, String reason, int offset) {
    return existing != null ? existing : new ParseError(reason, offset);
  }

  /** Strips spaces, tabs and stray CRs, nothing else (control characters may be escaped content). */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isLws(s.charAt(start))) {
      start++;
    }
    while (end > start && isLws(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isLws(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }
}
