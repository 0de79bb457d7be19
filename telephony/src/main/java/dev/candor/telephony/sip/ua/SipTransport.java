package dev.candor.telephony.sip.ua;

import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipRequest;

import java.net.InetSocketAddress;

/** Sends SIP messages; implemented over Netty (UDP, TCP, TLS: see {@code TransportSelector}). Must not block. */
public interface SipTransport {
    void send(SipMessage message, InetSocketAddress destination);

    /**
     * The transport token ({@code UDP}, {@code TCP}, {@code TLS}) a request to {@code destination} will
     * go over, so that its Via names it and its transaction knows whether to retransmit (RFC 3261
     * §17.1.1.2, §18.1.1). UDP unless the transport knows better.
     */
    default String transportFor(SipRequest request, InetSocketAddress destination) {
        return "UDP";
    }
}
