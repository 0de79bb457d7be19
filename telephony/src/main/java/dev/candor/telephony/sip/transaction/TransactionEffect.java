package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;

import java.time.Duration;
import java.util.Objects;

/** What a transaction asks its adapter to do, in order. */
public sealed interface TransactionEffect {

    /** Send a request (the original, a retransmission, or the ACK of a non-2xx) to the transaction's peer. */
    record SendRequest(SipRequest request) implements TransactionEffect {
        public SendRequest {
            Objects.requireNonNull(request, "request");
        }
    }

    /** Send a response to where the request came from (§18.2.2). */
    record SendResponse(SipResponse response) implements TransactionEffect {
        public SendResponse {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Hand a message to the transaction user: a response to a client TU, an ACK in Accepted to a server TU. */
    record PassToTransactionUser(SipMessage message) implements TransactionEffect {
        public PassToTransactionUser {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Tell the TU that the transaction timed out (Timer B, F or H). */
    record ReportTimeout(TransactionTimer timer) implements TransactionEffect {
        public ReportTimeout {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Start {@code timer}, replacing it if it runs already. */
    record StartTimer(TransactionTimer timer, Duration delay) implements TransactionEffect {
        public StartTimer {
            Objects.requireNonNull(timer, "timer");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Stop {@code timer} if it runs. */
    record CancelTimer(TransactionTimer timer) implements TransactionEffect {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The transaction is over: stop its timers and forget it. */
    record Terminate() implements TransactionEffect { }
}
