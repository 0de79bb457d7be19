package dev.candor.telephony.sip.message;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the headers every message must carry and those Candor acts on (RFC 3261 §8.1.1, §20):
 * exactly one From, To, Call-ID and CSeq, at least one Via, and valid Via, Contact, Max-Forwards
 * and Date values. Missing Max-Forwards is accepted (RFC 2543 clients omit it).
 */
final class MessageValidator {
  private MessageValidator() {}

  /** The first problem, or empty. {@code method} is the request method, null for responses. */
  static Optional<ParseError> validate(SipHeaders headers, SipMethod method) {
    Optional<ParseError> e = single(headers, "From", NameAddr::parse)
        .or(() -> single(headers, "To", NameAddr::parse))
        .or(() -> single(headers, "Call-ID", HeaderValues::parseCallId))
        .or(() -> single(headers, "CSeq", CSeq::parse))
        .or(() -> vias(headers))
        .or(() -> contacts(headers))
        .or(() -> optional(headers, "Max-Forwards", HeaderValues::parseMaxForwards))
        .or(() -> date(headers));
    if (e.isPresent() || method == null) {
      return e;
    }
    SipMethod cseqMethod = CSeq.parse(headers.first("CSeq").orElseThrow()).orElseThrow().method();
    if (!cseqMethod.equals(method)) {
      return Optional.of(new ParseError("CSeq method " + SipGrammar.printable(cseqMethod.name())
          + " does not match request method " + SipGrammar.printable(method.name()), 0));
    }
    return Optional.empty();
  }

  private static Optional<ParseError> single(SipHeaders headers, String name,
      Function<String, ParseResult<?>> parser) {
    List<SipHeader> lines = headers.lines(name);
    if (lines.isEmpty()) {
      return Optional.of(new ParseError("missing " + name + " header", 0));
    }
    if (lines.size() > 1) {
      return Optional.of(new ParseError(lines.size() + " " + name + " headers (expected exactly one)", 0));
    }
    return check(name, parser.apply(lines.get(0).value()));
  }

  private static Optional<ParseError> optional(SipHeaders headers, String name,
      Function<String, ParseResult<?>> parser) {
    List<SipHeader> lines = headers.lines(name);
    if (lines.size() > 1) {
      return Optional.of(new ParseError(lines.size() + " " + name + " headers (expected at most one)", 0));
    }
    return lines.isEmpty() ? Optional.empty() : check(name, parser.apply(lines.get(0).value()));
  }

  private static Optional<ParseError> vias(SipHeaders headers) {
    List<String> vias = headers.all("Via");
    if (vias.isEmpty()) {
      return Optional.of(new ParseError("missing Via header", 0));
    }
    for (String via : vias) {
      Optional<ParseError> e = check("Via", Via.parse(via));
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  private static Optional<ParseError> contacts(SipHeaders headers) {
    List<String> contacts = headers.all("Contact");
    for (String contact : contacts) {
      if (contact.equals("*") && contacts.size() == 1) {
        continue;
      }
      Optional<ParseError> e = check("Contact", NameAddr.parse(contact));
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  /** RFC 3261 §20.17: SIP-date is rfc1123-date and the time zone must be GMT. */
  private static Optional<ParseError> date(SipHeaders headers) {
    Optional<String> date = headers.first("Date");
    if (date.isPresent() && !date.get().matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")) {
      return Optional.of(new ParseError("invalid Date: " + SipGrammar.printable(date.get())
          + " (expected RFC 1123 date in GMT)", 0));
    }
    return Optional.empty();
  }

  private static Optional<ParseError> check(String name, ParseResult<?> result) {
    return result.error().map(e -> e.reason().startsWith("invalid " + name) ? e
        : new ParseError("invalid " + name + ": " + e.reason(), e.offset()));
  }
}
