package dev.candor.telephony.sdp;

import dev.candor.telephony.sip.message.ParseError;
import dev.candor.telephony.sip.message.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Line-by-line SDP reader behind {@link SessionDescription#parse(String)}. */
final class SdpParser {
  private String originUser;
  private long sessionId;
  private long sessionVersion;
  private String originAddress;
  private String sessionName = "-";
  private String connection;
  private Direction sessionDirection;
  private final List<MediaBuilder> media = new ArrayList<>();
  private ParseError error;

  private SdpParser() {}

  static ParseResult<SessionDescription> parse(String text) {
    String[] lines = text.split("\r?\n");
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first >= lines.length || !lines[first].trim().equals("v=0")) {
      return ParseResult.err("invalid SDP: first line must be v=0", 0);
    }
    SdpParser p = new SdpParser();
    int offset = 0;
    for (int i = first + 1; i < lines.length && p.error == null; i++) {
      String line = lines[i].strip();
      if (line.length() >= 2 && line.charAt(1) == '=') {
        p.line(line.charAt(0), line.substring(2), offset);
      }
      offset += lines[i].length() + 1;
    }
    return p.finish();
  }

  private void line(char type, String value, int offset) {
    MediaBuilder current = media.isEmpty() ? null : media.get(media.size() - 1);
    switch (type) {
      case 'o' -> origin(value, offset);
      case 's' -> sessionName = value.isBlank() ? "-" : value;
      case 'c' -> {
        String address = connection(value, offset);
        if (current == null) {
          connection = address;
        } else {
          current.connection = address;
        }
      }
      case 'm' -> mediaLine(value, offset);
      case 'a' -> {
        if (current == null) {
          Direction.fromAttribute(value).ifPresent(d -> sessionDirection = d);
        } else {
          attribute(current, value, offset);
        }
      }
      default -> { } // b=, t=, k=, i=, u=, e=, p=, z=, r= are not needed for audio calls
    }
  }

  private void origin(String value, int offset) {
    String[] f = value.trim().split("\\s+");
    if (f.length != 6 || !f[3].equals("IN") || !(f[4].equals("IP4") || f[4].equals("IP6"))
        || !RtpMap.isNumber(f[1], 20) || !RtpMap.isNumber(f[2], 20)) {
      fail("invalid o= line: \"" + value + "\" (expected <user> <id> <version> IN IP4|IP6 <address>)", offset);
      return;
    }
    try {
      sessionId = Long.parseUnsignedLong(f[1]);
      sessionVersion = Long.parseUnsignedLong(f[2]);
    } catch (NumberFormatException e) {
      fail("invalid o= line: session id or version too large: \"" + value + "\"", offset);
      return;
    }
    originUser = f[0];
    originAddress = f[5];
  }

  private String connection(String value, int offset) {
    String[] f = value.trim().split("\\s+");
    if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6")) || f[2].startsWith("/")) {
      fail("invalid c= line: \"" + value + "\" (expected IN IP4|IP6 <address>)", offset);
      return null;
    }
    int slash = f[2].indexOf('/');
    return slash < 0 ? f[2] : f[2].substring(0, slash);
  }

  private void mediaLine(String value, int offset) {
    String[] f = value.trim().split("\\s+");
    String port = f.length < 3 ? "" : f[1].split("/", 2)[0];
    if (f.length < 3 || !RtpMap.isNumber(port, 5) || Integer.parseInt(port) > 65535) {
      fail("invalid m= line: \"" + value + "\" (expected <media> <port> <proto> <fmt> ...)", offset);
      return;
    }
    MediaBuilder m = new MediaBuilder(f[0], Integer.parseInt(port), f[2]);
    for (int i = 3; i < f.length; i++) {
      if (RtpMap.isNumber(f[i], 3) && Integer.parseInt(f[i]) <= 127) {
        m.formats.add(Integer.parseInt(f[i]));
      }
    }
    media.add(m);
  }

  private void attribute(MediaBuilder m, String value, int offset) {
    int colon = value.indexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    String arg = colon < 0 ? "" : value.substring(colon + 1);
    switch (name) {
      case "rtpmap" -> RtpMap.parse(arg).value().ifPresentOrElse(m.rtpMaps::add,
          () -> fail("invalid a=rtpmap: \"" + arg + "\" (expected <pt> <encoding>/<rate>)", offset));
      case "fmtp" -> {
        String[] parts = arg.split("\\s+", 2);
        if (parts.length == 2 && RtpMap.isNumber(parts[0], 3)) {
          m.fmtp.put(Integer.parseInt(parts[0]), parts[1].trim());
        } else {
          m.other.add(value);
        }
      }
      case "ptime" -> {
        if (RtpMap.isNumber(arg.trim(), 4)) {
          m.ptime = OptionalInt.of(Integer.parseInt(arg.trim()));
        }
      }
      case "sendrecv", "sendonly", "recvonly", "inactive" -> m.direction = Direction.fromAttribute(name).orElseThrow();
      default -> m.other.add(value);
    }
  }

  private void fail(String reason, int offset) {
    if (error == null) {
      error = new ParseError(reason, offset);
    }
  }

  private ParseResult<SessionDescription> finish() {
    if (error != null) {
      return ParseResult.err(error);
    }
    if (originUser == null) {
      return ParseResult.err("invalid SDP: missing o= line", 0);
    }
    List<MediaDescription> built = new ArrayList<>();
    for (MediaBuilder m : media) {
      if (m.media.equals("audio") && m.port != 0 && m.connection == null && connection == null) {
        return ParseResult.err("invalid SDP: no c= line for the audio stream on port " + m.port, 0);
      }
      Direction d = m.direction != null ? m.direction : sessionDirection != null ? sessionDirection : Direction.SENDRECV;
      built.add(new MediaDescription(m.media, m.port, m.protocol, m.formats, m.rtpMaps, m.fmtp, d,
          m.connection, m.ptime, m.other));
    }
    return ParseResult.ok(new SessionDescription(originUser, sessionId, sessionVersion, originAddress,
        sessionName, connection, built));
  }

  private static final class MediaBuilder {
    final String media;
    final int port;
    final String protocol;
    final List<Integer> formats = new ArrayList<>();
    final List<RtpMap> rtpMaps = new ArrayList<>();
    final Map<Integer, String> fmtp = new LinkedHashMap<>();
    final List<String> other = new ArrayList<>();
    Direction direction;
    String connection;
    OptionalInt ptime = OptionalInt.empty();

    MediaBuilder(String media, int port, String protocol) {
      this.media = media;
      this.port = port;
      this.protocol = protocol;
    }
  }
}
