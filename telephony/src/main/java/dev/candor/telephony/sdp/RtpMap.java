package dev.candor.telephony.sdp;

import dev.candor.telephony.sip.message.ParseResult;
import java.util.Objects;

/**
 * An {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]} attribute (RFC 4566 §6).
 *
 * @param channels 1 when not written
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {
  public RtpMap {
    Objects.requireNonNull(encoding, "encoding");
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("invalid payload type: " + payloadType + " (expected 0-127)");
    }
    if (clockRate < 1 || channels < 1) {
      throw new IllegalArgumentException("invalid rtpmap: " + clockRate + "/" + channels + " (expected positive)");
    }
  }

  /** Parses the value after {@code a=rtpmap:}. */
  public static ParseResult<RtpMap> parse(String value) {
    String[] parts = value.trim().split("\\s+", 2);
    if (parts.length != 2 || !isNumber(parts[0], 3)) {
      return ParseResult.err("invalid rtpmap: \"" + value + "\" (expected <pt> <encoding>/<rate>)", 0);
    }
    String[] enc = parts[1].trim().split("/", -1);
    if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty() || !isNumber(enc[1], 9)
        || (enc.length == 3 && !isNumber(enc[2], 3))) {
      return ParseResult.err("invalid rtpmap: \"" + value + "\" (expected <pt> <encoding>/<rate>[/<channels>])", 0);
    }
    int pt = Integer.parseInt(parts[0]);
    int rate = Integer.parseInt(enc[1]);
    int channels = enc.length == 3 ? Integer.parseInt(enc[2]) : 1;
    if (pt > 127 || rate < 1 || channels < 1) {
      return ParseResult.err("invalid rtpmap: \"" + value + "\" (payload type 0-127, positive rate and channels)", 0);
    }
    return ParseResult.ok(new RtpMap(pt, enc[0], rate, channels));
  }

  static boolean isNumber(String s, int maxDigits) {
    return !s.isEmpty() && s.length() <= maxDigits && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** True for the same encoding (ignoring case) and clock rate. */
  public boolean matches(String encodingName, int clockRateHz) {
    return encoding.equalsIgnoreCase(encodingName) && clockRate == clockRateHz;
  }

  /** The attribute value, e.g. {@code 101 telephone-event/8000}. */
  @Override
  public String toString() {
    return payloadType + " " + encoding + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
  }
}
