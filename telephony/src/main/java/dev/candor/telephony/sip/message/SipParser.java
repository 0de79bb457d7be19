package dev.candor.telephony.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses one SIP message from one datagram (RFC 3261 §7, §18.3). Pure and total: every input,
 * however broken, yields a {@link SipParseResult}, never an exception.
 *
 * <pre>
 *   start-line CRLF *( header CRLF ) CRLF [ body ]
 *   Request-Line = Method SP Request-URI SP SIP-Version
 *   Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase
 * </pre>
 *
 * CRLF that precede the start line are skipped (§7.5); bare LF line ends are tolerated. Over UDP a
 * missing Content-Length means the body is the rest of the datagram; bytes beyond Content-Length
 * are ignored (§18.3).
 */
public final class SipParser {
  private SipParser() {}

  public static SipParseResult parse(byte[] data, int offset, int length, SipDecoderConfig config) {
    if (data == null || config == null || offset < 0 || length < 0 || offset > data.length - length) {
      return junk("invalid input range: offset " + offset + ", length " + length, 0);
    }
    if (length > config.maxMessageBytes()) {
      return junk("message too large: " + length + " bytes (expected at most " + config.maxMessageBytes() + ")", 0);
    }
    int end = offset + length;
    int start = offset;
    while (start < end && (data[start] == '\r' || data[start] == '\n')) {
      start++;
    }
    if (start == end) {
      return junk("empty datagram (keep-alive)", 0);
    }
    if (!SipGrammar.isTokenChar((char) (data[start] & 0xff))) {
      return junk("not a SIP message: first byte 0x" + Integer.toHexString(data[start] & 0xff), start - offset);
    }
    int headerEnd = endOfHeaders(data, start, end);
    if (headerEnd < 0) {
      return junk("not a SIP message: no empty line ends the header section", start - offset);
    }
    int textEnd = headerEnd - 1;
    if (textEnd > start && data[textEnd - 1] == '\r') {
      textEnd--;
    }
    String text = new String(data, start, textEnd - start, StandardCharsets.UTF_8);
    int bodyStart = headerEnd + (data[headerEnd] == '\r' ? 2 : 1);
    return parseText(text, Arrays.copyOfRange(data, bodyStart, end), config);
  }

  /** Index of the empty line that ends the headers (its CR or LF), or -1. */
  private static int endOfHeaders(byte[] data, int start, int end) {
    for (int i = start; i < end; i++) {
      if (data[i] == '\n') {
        if (i + 1 < end && data[i + 1] == '\n') {
          return i + 1;
        }
        if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') {
          return i + 1;
        }
      }
    }
    return -1;
  }

  private static SipParseResult parseText(String text, byte[] rest, SipDecoderConfig config) {
    String[] lines = text.split("\r?\n", -1);
    String startLine = lines[0];
    boolean request = !startLine.startsWith("SIP/");
    RawHeaders raw = RawHeaders.unfold(lines, config.maxHeaders());
    SipHeaders headers = raw.headers();
    Optional<ParseError> error = raw.error();
    if (!request && !startLine.matches("SIP/[0-9]+\\.[0-9]+ .*")) {
      return junk("not a SIP message: invalid start line \"" + SipGrammar.printable(startLine) + "\"", 0);
    }
    ParseResult<Integer> bodyLength = error.isEmpty() ? bodyLength(headers, rest.length) : null;
    if (bodyLength != null && !bodyLength.isOk()) {
      error = bodyLength.error();
    }
    if (request) {
      return finishRequest(startLine, headers, error, error.isEmpty() ? bodyOf(rest, bodyLength) : null);
    }
    if (error.isEmpty()) {
      ParseResult<SipResponse> response = StartLines.response(startLine, headers, bodyOf(rest, bodyLength));
      error = response.error().or(() -> MessageValidator.validate(headers, null));
      if (error.isEmpty()) {
        return new SipParseResult.Parsed(response.orElseThrow());
      }
    }
    return new SipParseResult.Invalid(error.get(), false, Optional.empty());
  }

  private static SipParseResult finishRequest(String startLine, SipHeaders headers,
      Optional<ParseError> headerError, byte[] body) {
    ParseResult<SipRequest> request = StartLines.request(startLine, headers, body == null ? new byte[0] : body);
    if (request instanceof ParseResult.Err<SipRequest> err) {
      boolean badVersion = StartLines.isUnsupportedVersion(startLine);
      return invalidRequest(err.failure(), headers, badVersion);
    }
    if (headerError.isPresent()) {
      return invalidRequest(headerError.get(), headers, false);
    }
    Optional<ParseError> invalid = MessageValidator.validate(headers, request.orElseThrow().method());
    if (invalid.isPresent()) {
      return invalidRequest(invalid.get(), headers, false);
    }
    return new SipParseResult.Parsed(request.orElseThrow());
  }

  private static SipParseResult invalidRequest(ParseError error, SipHeaders headers, boolean badVersion) {
    Optional<SipResponse> answer = Optional.empty();
    if (isAnswerable(headers)) {
      answer = Optional.of(badVersion
          ? SipResponse.answering(headers, 505, SipResponse.reasonPhrase(505))
          : SipResponse.answering(headers, 400, "Bad Request - " + SipGrammar.printable(error.reason())));
    }
    return new SipParseResult.Invalid(error, true, answer);
  }

  /** A response can be routed and matched if the top Via parses and the copied headers exist. */
  private static boolean isAnswerable(SipHeaders headers) {
    List<String> vias = headers.all("Via");
    return !vias.isEmpty() && Via.parse(vias.get(0)).isOk()
        && headers.contains("From") && headers.contains("To")
        && headers.contains("Call-ID") && headers.contains("CSeq");
  }

  private static ParseResult<Integer> bodyLength(SipHeaders headers, int available) {
    List<String> values = headers.all("Content-Length");
    if (values.isEmpty()) {
      return ParseResult.ok(available);
    }
    List<Integer> lengths = new ArrayList<>();
    for (String v : values) {
      ParseResult<Integer> n = HeaderValues.parseContentLength(v);
      if (!n.isOk()) {
        return n;
      }
      lengths.add(n.orElseThrow());
    }
    if (lengths.stream().distinct().count() > 1) {
      return ParseResult.err("conflicting Content-Length values: " + lengths, 0);
    }
    if (lengths.get(0) > available) {
      return ParseResult.err("Content-Length " + lengths.get(0) + " exceeds the " + available
          + " body bytes received", 0);
    }
    return ParseResult.ok(lengths.get(0));
  }

  private static byte[] bodyOf(byte[] rest, ParseResult<Integer> length) {
    return Arrays.copyOf(rest, length == null ? rest.length : length.orElseThrow());
  }

  private static SipParseResult junk(String reason, int offset) {
    return new SipParseResult.Invalid(new ParseError(reason, offset), false, Optional.empty());
  }
}
