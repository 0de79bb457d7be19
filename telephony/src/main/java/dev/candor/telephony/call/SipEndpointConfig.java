package dev.candor.telephony.call;

import dev.candor.telephony.sdp.AudioCodec;

import java.util.List;
import java.util.Objects;

/**
 * Where and how the SIP endpoint listens.
 *
 * @param bindAddress the local address to bind SIP and RTP to ({@code 0.0.0.0} for all)
 * @param port the SIP UDP port; 0 picks a free one (tests)
 * @param advertisedAddress the address peers should use: put in Via, Contact and SDP
 * @param rtpPortMin lowest RTP port (even)
 * @param rtpPortMax highest RTP port
 * @param maxMessageBytes larger SIP datagrams are dropped
 * @param codecs accepted audio codecs in Candor's order of preference
 */
public record SipEndpointConfig(String bindAddress, int port, String advertisedAddress, int rtpPortMin,
                                int rtpPortMax, int maxMessageBytes, List<AudioCodec> codecs) {
    public SipEndpointConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        codecs = List.copyOf(codecs);
    }
}
