package dev.candor.telephony.sip.message;

import java.util.Objects;

/**
 * One header line as received or to be sent: the name as written (possibly a compact form) and the
 * value with folding undone and surrounding whitespace trimmed.
 */
public record SipHeader(String name, String value) {
  public SipHeader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
