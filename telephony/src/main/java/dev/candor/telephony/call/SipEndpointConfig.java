package dev.candor.telephony.call;

import dev.candor.telephony.rtp.session.RtcpInterval;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sip.limits.FloodLimits;
import dev.candor.telephony.sip.transaction.TimerSettings;

import java.time.Duration;
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
 * @param floodLimits per-source rate limits, bans and trusted addresses
 * @param maxConcurrentCalls calls at once; new INVITEs beyond it get 503
 * @param transports TCP and TLS next to UDP
 * @param rtcpInterval the RTCP report interval Td of every call's RTP session (RFC 3550 §6.2; 5 s by default)
 * @param timers the SIP transaction timers T1, T2 and T4 (RFC 3261 §17)
 */
public record SipEndpointConfig(String bindAddress, int port, String advertisedAddress, int rtpPortMin,
                                int rtpPortMax, int maxMessageBytes, List<AudioCodec> codecs,
                                FloodLimits floodLimits, int maxConcurrentCalls, StreamTransports transports,
                                Duration rtcpInterval, TimerSettings timers) {
    /** With the RFC 3261 transaction timers. */
    public SipEndpointConfig(String bindAddress, int port, String advertisedAddress, int rtpPortMin,
                             int rtpPortMax, int maxMessageBytes, List<AudioCodec> codecs,
                             FloodLimits floodLimits, int maxConcurrentCalls, StreamTransports transports,
                             Duration rtcpInterval) {
        this(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes, codecs, floodLimits,
                maxConcurrentCalls, transports, rtcpInterval, TimerSettings.defaults());
    }

    public SipEndpointConfig {
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(floodLimits, "floodLimits");
        Objects.requireNonNull(transports, "transports");
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        codecs = List.copyOf(codecs);
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("invalid maxConcurrentCalls: " + maxConcurrentCalls + " (expected >= 1)");
        }
        if (rtcpInterval.isNegative() || rtcpInterval.isZero()) {
            throw new IllegalArgumentException("invalid RTCP interval: " + rtcpInterval + " (expected above 0)");
        }
    }

    /** With the RFC 3550 RTCP interval (5 s). */
    public SipEndpointConfig(String bindAddress, int port, String advertisedAddress, int rtpPortMin,
                             int rtpPortMax, int maxMessageBytes, List<AudioCodec> codecs,
                             FloodLimits floodLimits, int maxConcurrentCalls, StreamTransports transports) {
        this(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes, codecs, floodLimits,
                maxConcurrentCalls, transports, RtcpInterval.DEFAULT_MINIMUM);
    }

    /** UDP and TCP (no TLS). */
    public SipEndpointConfig(String bindAddress, int port, String advertisedAddress, int rtpPortMin,
                             int rtpPortMax, int maxMessageBytes, List<AudioCodec> codecs,
                             FloodLimits floodLimits, int maxConcurrentCalls) {
        this(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes, codecs, floodLimits,
                maxConcurrentCalls, StreamTransports.defaults());
    }

    /** With the default flood limits and no cap on concurrent calls beyond 1,000. */
    public SipEndpointConfig(String bindAddress, int port, String advertisedAddress, int rtpPortMin,
                             int rtpPortMax, int maxMessageBytes, List<AudioCodec> codecs) {
        this(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes, codecs,
                FloodLimits.defaults(), 1000, StreamTransports.defaults());
    }

    public SipEndpointConfig withFloodLimits(FloodLimits limits) {
        return new SipEndpointConfig(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes,
                codecs, limits, maxConcurrentCalls, transports, rtcpInterval, timers);
    }

    public SipEndpointConfig withMaxConcurrentCalls(int calls) {
        return new SipEndpointConfig(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes,
                codecs, floodLimits, calls, transports, rtcpInterval, timers);
    }

    public SipEndpointConfig withTransports(StreamTransports streams) {
        return new SipEndpointConfig(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes,
                codecs, floodLimits, maxConcurrentCalls, streams, rtcpInterval, timers);
    }

    public SipEndpointConfig withRtcpInterval(Duration interval) {
        return new SipEndpointConfig(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes,
                codecs, floodLimits, maxConcurrentCalls, transports, interval, timers);
    }

    public SipEndpointConfig withTimers(TimerSettings newTimers) {
        return new SipEndpointConfig(bindAddress, port, advertisedAddress, rtpPortMin, rtpPortMax, maxMessageBytes,
                codecs, floodLimits, maxConcurrentCalls, transports, rtcpInterval, newTimers);
    }
}
