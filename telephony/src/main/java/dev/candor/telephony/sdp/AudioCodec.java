package dev.candor.telephony.sdp;

import java.util.Locale;
import java.util.Optional;

/** The audio codecs Candor speaks, with their RFC 3551 static payload types. */
public enum AudioCodec {
  PCMU(0, "PCMU"),
  PCMA(8, "PCMA");

  private final int payloadType;
  private final String encodingName;

  AudioCodec(int payloadType, String encodingName) {
    this.payloadType = payloadType;
    this.encodingName = encodingName;
  }

  public int payloadType() {
    return payloadType;
  }

  public String encodingName() {
    return encodingName;
  }

  public int clockRateHz() {
    return 8000;
  }

  /** The codec with this encoding name, ignoring case. */
  public static Optional<AudioCodec> forEncoding(String name) {
    for (AudioCodec c : values()) {
      if (c.encodingName.equals(name.toUpperCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The {@code a=rtpmap} entry for this codec under {@code payloadType}. */
  public RtpMap rtpMap(int payloadType) {
    return new RtpMap(payloadType, encodingName, clockRateHz(), 1);
  }
}
