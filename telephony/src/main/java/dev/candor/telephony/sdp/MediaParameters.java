package dev.candor.telephony.sdp;

import java.util.Objects;

/**
 * What the RTP session needs from a successful negotiation.
 *
 * @param codec the voice codec
 * @param codecPayloadType the payload type that carries it (the offerer's number)
 * @param telephoneEventPayloadType RFC 4733 payload type, -1 when not negotiated
 * @param remoteAddress where to send RTP ("0.0.0.0" for an old-style hold)
 * @param remotePort where to send RTP
 * @param direction Candor's own direction on this stream
 */
public record MediaParameters(AudioCodec codec, int codecPayloadType, int telephoneEventPayloadType,
    String remoteAddress, int remotePort, Direction direction) {
  public MediaParameters {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(direction, "direction");
  }

  public boolean hasTelephoneEvents() {
    return telephoneEventPayloadType >= 0;
  }
}
