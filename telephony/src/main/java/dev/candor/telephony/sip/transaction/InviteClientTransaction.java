package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.CSeq;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.CancelTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.PassToTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendRequest;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The INVITE client transaction (RFC 3261 §17.1.1, Figure 5, with RFC 6026 §7.2's Accepted state).
 *
 * <pre>
 *   Calling ──1xx──▶ Proceeding ──300-699: ACK──▶ Completed ──Timer D──▶ Terminated
 *     │ Timer A: resend, doubled        │ 2xx                    (resends the ACK for each
 *     │ Timer B: timeout to TU          ▼                         retransmitted final response)
 *     └───────────2xx──────────────▶ Accepted ──Timer M──▶ Terminated  (every 2xx to the TU)
 * </pre>
 *
 * The ACK for a non-2xx final response is built and sent here (§17.1.1.3); a 2xx is the TU's to ACK,
 * end to end, in a transaction of its own (§13.2.2.4).
 */
public final class InviteClientTransaction extends AbstractTransaction<InviteClientTransaction.State>
        implements Transaction {
    /** The states of Figure 5, plus Accepted (RFC 6026). */
    public enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    private Duration timerA;

    public InviteClientTransaction(SipRequest invite, TimerSettings timers) {
        super(requireInvite(invite), timers, TransactionKey::forClient, State.CALLING, State.TERMINATED);
        this.timerA = timers.t1();
    }

    /** §17.1.1.2: send the INVITE; over an unreliable transport start Timer A at T1; start Timer B at 64 × T1. */
    @Override
    public List<TransactionEffect> start() {
        return sendFirst(TransactionTimer.A, timerA, TransactionTimer.B);
    }

    @Override
    List<TransactionEffect> onResponse(SipResponse response) {
        int status = response.statusCode();
        switch (state) {
            case CALLING, PROCEEDING -> {
                List<TransactionEffect> effects = new ArrayList<>(List.of(
                        new CancelTimer(TransactionTimer.A), new CancelTimer(TransactionTimer.B)));
                if (status < 200) {
                    state = State.PROCEEDING;
                    effects.add(new PassToTransactionUser(response));
                } else if (status < 300) {
                    // RFC 6026 §7.2: Accepted, so that 2xx retransmissions still reach the TU to be ACKed.
                    state = State.ACCEPTED;
                    effects.add(new PassToTransactionUser(response));
                    effects.add(new StartTimer(TransactionTimer.M, timers.timeout()));
                } else {
                    effects.add(new SendRequest(ackFor(response)));
                    effects.add(new PassToTransactionUser(response));
                    effects.addAll(complete());
                }
                return effects;
            }
            case COMPLETED -> {
                // "Any retransmissions of the final response ... MUST cause the ACK to be re-passed to the
                // transport layer", and not to the TU.
                return status >= 300 ? List.of(new SendRequest(ackFor(response))) : List.of();
            }
            case ACCEPTED -> {
                return status >= 200 && status < 300 ? List.of(new PassToTransactionUser(response)) : List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<TransactionEffect> complete() {
        Duration timerD = timers.timerD(reliable);
        if (timerD.isZero()) {
            return terminate();
        }
        state = State.COMPLETED;
        return List.of(new StartTimer(TransactionTimer.D, timerD));
    }

    @Override
    List<TransactionEffect> onTimer(TransactionTimer timer) {
        if (timer == TransactionTimer.A && state == State.CALLING) {
            // "the client transaction MUST retransmit the request ... and reset the timer with a value of 2*T1".
            timerA = timerA.multipliedBy(2);
            return List.of(new SendRequest(request), new StartTimer(TransactionTimer.A, timerA));
        }
        if (timer == TransactionTimer.B && state == State.CALLING) {
            return timeOut(TransactionTimer.B);
        }
        if ((timer == TransactionTimer.D && state == State.COMPLETED)
                || (timer == TransactionTimer.M && state == State.ACCEPTED)) {
            return terminate();
        }
        return List.of();
    }

    /**
     * §17.1.1.3: Request-URI, Call-ID and From of the INVITE; To of the response; the INVITE's top Via
     * alone (same branch); the INVITE's CSeq number with method ACK; the INVITE's Route header fields.
     */
    SipRequest ackFor(SipResponse response) {
        SipRequest.Builder ack = SipRequest.builder(SipMethod.ACK, request.requestUri())
                .header("Via", request.topVia().toString())
                .header("Max-Forwards", "70")
                .header("From", request.headers().first("From").orElseThrow())
                .header("To", response.headers().first("To").orElseThrow())
                .header("Call-ID", request.callId())
                .header("CSeq", CSeq.of(request.cseq().sequence(), SipMethod.ACK).toString());
        request.headers().all("Route").forEach(route -> ack.header("Route", route));
        return ack.build();
    }
}
