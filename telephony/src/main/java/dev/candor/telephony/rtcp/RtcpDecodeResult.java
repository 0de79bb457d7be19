package dev.candor.telephony.rtcp;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link RtcpPacket#decodeCompound(byte[], int, int)}: the packets of a compound
 * packet, in order, or the reason the bytes are not one. Bad network input is expected and is
 * never an exception.
 */
public sealed interface RtcpDecodeResult {

    /** The bytes held a valid compound packet; the first is a {@link SenderReport} or {@link ReceiverReport}. */
    record Ok(List<RtcpPacket> packets) implements RtcpDecodeResult {
        public Ok {
            packets = List.copyOf(packets);
        }
    }

    /** The bytes were rejected; {@code error} says why. */
    record Err(RtcpError error) implements RtcpDecodeResult {
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }
}
