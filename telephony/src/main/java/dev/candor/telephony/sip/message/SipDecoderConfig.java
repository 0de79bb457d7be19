package dev.candor.telephony.sip.message;

/**
 * Limits applied by {@link SipParser}.
 *
 * @param maxMessageBytes largest message accepted, in bytes
 * @param maxHeaders most header lines accepted in one message
 */
public record SipDecoderConfig(int maxMessageBytes, int maxHeaders) {
  public SipDecoderConfig {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("invalid maxMessageBytes: " + maxMessageBytes + " (expected >= 1)");
    }
    if (maxHeaders < 1) {
      throw new IllegalArgumentException("invalid maxHeaders: " + maxHeaders + " (expected >= 1)");
    }
  }

  /** 65535 bytes (the largest UDP payload) and 256 headers. */
  public static SipDecoderConfig defaults() {
    return new SipDecoderConfig(65535, 256);
  }
}
