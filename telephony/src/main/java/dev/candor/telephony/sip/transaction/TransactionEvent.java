package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;

import java.util.Objects;

/** What can happen to a transaction: a message from the network, a response from its TU, a timer. */
public sealed interface TransactionEvent {

    /** A request that matched a server transaction (a retransmission, or an ACK for an INVITE). */
    record RequestReceived(SipRequest request) implements TransactionEvent {
        public RequestReceived {
            Objects.requireNonNull(request, "request");
        }
    }

    /** A response that matched a client transaction. */
    record ResponseReceived(SipResponse response) implements TransactionEvent {
        public ResponseReceived {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The TU sends a response through a server transaction. */
    record TuResponse(SipResponse response) implements TransactionEvent {
        public TuResponse {
            Objects.requireNonNull(response, "response");
        }
    }

    /** A timer the transaction started has expired. */
    record TimerFired(TransactionTimer timer) implements TransactionEvent {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The TU gives the transaction up (e.g. §9.1: no final response 64 × T1 after a CANCEL). */
    record TuTerminate() implements TransactionEvent { }
}
