package dev.candor.telephony.sdp;

import dev.candor.telephony.sip.message.ParseResult;
import java.util.List;
import java.util.Objects;

/**
 * A session description (RFC 4566) reduced to what call setup needs.
 *
 * @param originUser {@code o=} username
 * @param sessionId {@code o=} sess-id (read as an unsigned 64-bit number)
 * @param sessionVersion {@code o=} sess-version (unsigned 64-bit)
 * @param originAddress {@code o=} unicast address
 * @param sessionName {@code s=}, "-" when empty
 * @param connectionAddress session-level {@code c=} address (without /ttl), or null
 * @param media the {@code m=} sections in order
 */
public record SessionDescription(String originUser, long sessionId, long sessionVersion, String originAddress,
    String sessionName, String connectionAddress, List<MediaDescription> media) {

  public SessionDescription {
    Objects.requireNonNull(originUser, "originUser");
    Objects.requireNonNull(originAddress, "originAddress");
    Objects.requireNonNull(sessionName, "sessionName");
    media = List.copyOf(media);
  }

  /**
   * Parses an SDP body. Tolerates LF-only line ends and ignores line types it does not use. Requires
   * {@code v=0}, an {@code o=} line and a connection address (session or media level) for every
   * active audio stream.
   */
  public static ParseResult<SessionDescription> parse(String text) {
    return SdpParser.parse(Objects.requireNonNull(text, "text"));
  }

  /** The connection address that applies to {@code m}: its own {@code c=}, else the session's. */
  public String connectionAddressFor(MediaDescription m) {
    return m.connectionAddress() != null ? m.connectionAddress() : connectionAddress;
  }

  static String connectionLine(String address) {
    return "IN " + (address.indexOf(':') >= 0 ? "IP6" : "IP4") + " " + address;
  }

  /** The SDP on the wire, CRLF line ends. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(256);
    b.append("v=0\r\n");
    b.append("o=").append(originUser).append(' ').append(Long.toUnsignedString(sessionId)).append(' ')
        .append(Long.toUnsignedString(sessionVersion)).append(' ').append(connectionLine(originAddress)).append("\r\n");
    b.append("s=").append(sessionName.isEmpty() ? "-" : sessionName).append("\r\n");
    if (connectionAddress != null) {
      b.append("c=").append(connectionLine(connectionAddress)).append("\r\n");
    }
    b.append("t=0 0\r\n");
    media.forEach(m -> m.appendTo(b));
    return b.toString();
  }
}
