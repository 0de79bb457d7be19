package dev.candor.telephony.rtp;

import java.util.Objects;

/**
 * The outcome of {@link RtpPacket#decode(byte[], int, int)}: a packet, or the reason the bytes are
 * not one. Bad network input is expected and is never an exception.
 */
public sealed interface RtpDecodeResult {

    /** The bytes held a valid RTP packet. */
    record Ok(RtpPacket packet) implements RtpDecodeResult {
        public Ok {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** The bytes were rejected; {@code error} says why. */
    record Err(RtpError error) implements RtpDecodeResult {
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }
}
