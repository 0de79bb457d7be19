package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipResponse;

/**
 * The transaction user of a client transaction: hears the responses the transaction passes up
 * (provisional ones, the first non-2xx final, every 2xx to an INVITE) and its timeout.
 */
@FunctionalInterface
public interface ClientTransactionUser {

    void onResponse(SipResponse response);

    /** Timer B (INVITE) or F (non-INVITE) fired: no final response came; the transaction is gone. */
    default void onTimeout(TransactionTimer timer) {
    }
}
