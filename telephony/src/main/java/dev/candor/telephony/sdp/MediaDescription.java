package dev.candor.telephony.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code m=} section (RFC 4566 §5.14) with the attributes Candor uses.
 *
 * @param media "audio", "video", ...
 * @param port 0 for a rejected or disabled stream
 * @param protocol "RTP/AVP", "RTP/AVPF", ...
 * @param formats payload types in the offerer's order of preference (non-numeric formats are dropped)
 * @param rtpMaps {@code a=rtpmap} attributes
 * @param fmtp {@code a=fmtp} values by payload type
 * @param direction from the media or session level, sendrecv when neither says
 * @param connectionAddress media-level {@code c=} address, or null
 * @param ptime {@code a=ptime} in milliseconds, if given
 * @param otherAttributes every other {@code a=} line, without the {@code a=}
 */
public record MediaDescription(String media, int port, String protocol, List<Integer> formats,
    List<RtpMap> rtpMaps, Map<Integer, String> fmtp, Direction direction, String connectionAddress,
    OptionalInt ptime, List<String> otherAttributes) {

  public MediaDescription {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(ptime, "ptime");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid media port: " + port + " (expected 0-65535)");
    }
    formats = List.copyOf(formats);
    rtpMaps = List.copyOf(rtpMaps);
    fmtp = Collections.unmodifiableMap(new LinkedHashMap<>(fmtp));
    otherAttributes = List.copyOf(otherAttributes);
  }

  public Optional<RtpMap> rtpMap(int payloadType) {
    return rtpMaps.stream().filter(m -> m.payloadType() == payloadType).findFirst();
  }

  /**
   * What {@code payloadType} means here: its {@code a=rtpmap}, or the RFC 3551 static mapping for
   * PCMU (0) and PCMA (8).
   */
  public Optional<RtpMap> effectiveRtpMap(int payloadType) {
    Optional<RtpMap> map = rtpMap(payloadType);
    if (map.isPresent()) {
      return map;
    }
    for (AudioCodec codec : AudioCodec.values()) {
      if (codec.payloadType() == payloadType) {
        return Optional.of(codec.rtpMap(payloadType));
      }
    }
    return Optional.empty();
  }

  public boolean isRtpAudio() {
    return media.equalsIgnoreCase("audio")
        && (protocol.equalsIgnoreCase("RTP/AVP") || protocol.equalsIgnoreCase("RTP/AVPF"));
  }

  /** This stream rejected as RFC 3264 §6 describes: port 0, formats kept, no attributes. */
  public MediaDescription rejected() {
    List<Integer> keep = formats.isEmpty() ? List.of(0) : formats;
    return new MediaDescription(media, 0, protocol, keep, List.of(), Map.of(), Direction.INACTIVE, null,
        OptionalInt.empty(), List.of());
  }

  void appendTo(StringBuilder b) {
    b.append("m=").append(media).append(' ').append(port).append(' ').append(protocol);
    formats.forEach(f -> b.append(' ').append(f));
    b.append("\r\n");
    if (connectionAddress != null) {
      b.append("c=").append(SessionDescription.connectionLine(connectionAddress)).append("\r\n");
    }
    rtpMaps.forEach(m -> b.append("a=rtpmap:").append(m).append("\r\n"));
    fmtp.forEach((pt, v) -> b.append("a=fmtp:").append(pt).append(' ').append(v).append("\r\n"));
    ptime.ifPresent(p -> b.append("a=ptime:").append(p).append("\r\n"));
    otherAttributes.forEach(a -> b.append("a=").append(a).append("\r\n"));
    b.append("a=").append(direction.attribute()).append("\r\n");
  }
}
