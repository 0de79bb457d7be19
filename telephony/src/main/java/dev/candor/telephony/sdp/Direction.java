package dev.candor.telephony.sdp;

import java.util.Optional;

/** Media direction attributes (RFC 3264 §5.1, §6.1). */
public enum Direction {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive");

  private final String attribute;

  Direction(String attribute) {
    this.attribute = attribute;
  }

  /** The direction the other side must use: sendonly and recvonly swap. */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  /** The attribute name, e.g. {@code sendrecv}. */
  public String attribute() {
    return attribute;
  }

  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** This direction without sending (for a peer that asked not to be sent media). */
  public Direction withoutSending() {
    return receives() ? RECVONLY : INACTIVE;
  }

  static Optional<Direction> fromAttribute(String attribute) {
    for (Direction d : values()) {
      if (d.attribute.equals(attribute)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
