package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.Via;

import java.util.List;
import java.util.Locale;

/**
 * One RFC 3261 §17 transaction as a pure state machine: {@link #start()} and then
 * {@link #step(TransactionEvent)}, each returning the effects to carry out in order. Not thread-safe:
 * one thread (the SIP thread) drives it.
 */
public sealed interface Transaction
        permits InviteClientTransaction, NonInviteClientTransaction, InviteServerTransaction,
        NonInviteServerTransaction {

    /** How messages find this transaction. */
    TransactionKey key();

    /** The request that created the transaction. */
    SipRequest request();

    /** The state, named as in RFC 3261 §17 (and RFC 6026 for Accepted). */
    Enum<?> state();

    /** The effects of creating the transaction: the first send and the first timers. */
    List<TransactionEffect> start();

    /** The effects of {@code event}; an event the current state does not expect has none. */
    List<TransactionEffect> step(TransactionEvent event);

    /** True once the transaction reached Terminated. */
    boolean isTerminated();

    /**
     * §18: TCP, TLS and SCTP are reliable (no retransmissions, zero-length wait timers); UDP and any
     * unknown transport are not. Taken from the top Via, which names the transport the request uses.
     */
    static boolean isReliable(SipRequest request) {
        return isReliable(request.topVia());
    }

    static boolean isReliable(Via via) {
        String transport = via.transport().toUpperCase(Locale.ROOT);
        return transport.equals("TCP") || transport.equals("TLS") || transport.equals("SCTP")
                || transport.equals("TLS-SCTP") || transport.equals("WS") || transport.equals("WSS");
    }
}
