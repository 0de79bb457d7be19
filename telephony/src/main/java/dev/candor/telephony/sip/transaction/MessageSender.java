package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMessage;

import java.net.InetSocketAddress;

/** Hands a message to the transport layer (§18). Must not block. */
@FunctionalInterface
public interface MessageSender {
    void send(SipMessage message, InetSocketAddress destination);
}
