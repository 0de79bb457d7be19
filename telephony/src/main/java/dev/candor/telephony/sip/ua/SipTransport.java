package dev.candor.telephony.sip.ua;

import dev.candor.telephony.sip.message.SipMessage;

import java.net.InetSocketAddress;

/** Sends SIP messages; implemented over Netty (UDP, TCP, TLS: see {@code TransportSelector}). Must not block. */
public interface SipTransport {
    void send(SipMessage message, InetSocketAddress destination);
}
