package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.CSeq;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.CancelTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.PassToTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionEffect.ReportTimeout;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendRequest;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.Terminate;
import dev.candor.telephony.sip.transaction.TransactionEvent.ResponseReceived;
import dev.candor.telephony.sip.transaction.TransactionEvent.TimerFired;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuTerminate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
public final class InviteClientTransaction implements Transaction {
    /** The states of Figure 5, plus Accepted (RFC 6026). */
    public enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    private final SipRequest invite;
    private final TimerSettings timers;
    private final boolean reliable;
    private final TransactionKey key;
    private State state = State.CALLING;
    private Duration timerA;

    public InviteClientTransaction(SipRequest invite, TimerSettings timers) {
        this.invite = Objects.requireNonNull(invite, "invite");
        this.timers = Objects.requireNonNull(timers, "timers");
        if (!invite.method().equals(SipMethod.INVITE)) {
            throw new IllegalArgumentException("not an INVITE: " + invite.method());
        }
        this.reliable = Transaction.isReliable(invite);
        this.key = TransactionKey.forClient(invite);
        this.timerA = timers.t1();
    }

    @Override
    public TransactionKey key() {
        return key;
    }

    @Override
    public SipRequest request() {
        return invite;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** §17.1.1.2: send the INVITE; over an unreliable transport start Timer A at T1; start Timer B at 64 × T1. */
    @Override
    public List<TransactionEffect> start() {
        List<TransactionEffect> effects = new ArrayList<>();
        effects.add(new SendRequest(invite));
        if (!reliable) {
            effects.add(new StartTimer(TransactionTimer.A, timerA));
        }
        effects.add(new StartTimer(TransactionTimer.B, timers.timeout()));
        return effects;
    }

    @Override
    public List<TransactionEffect> step(TransactionEvent event) {
        if (event instanceof ResponseReceived r) {
            return onResponse(r.response());
        } else if (event instanceof TimerFired t) {
            return onTimer(t.timer());
        } else if (event instanceof TuTerminate) {
            return terminate();
        }
        return List.of();
    }

    private List<TransactionEffect> onResponse(SipResponse response) {
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

    private List<TransactionEffect> onTimer(TransactionTimer timer) {
        if (timer == TransactionTimer.A && state == State.CALLING) {
            // "the client transaction MUST retransmit the request ... and reset the timer with a value of 2*T1".
            timerA = timerA.multipliedBy(2);
            return List.of(new SendRequest(invite), new StartTimer(TransactionTimer.A, timerA));
        }
        if (timer == TransactionTimer.B && state == State.CALLING) {
            List<TransactionEffect> effects = new ArrayList<>();
            effects.add(new ReportTimeout(TransactionTimer.B));
            effects.addAll(terminate());
            return effects;
        }
        if ((timer == TransactionTimer.D && state == State.COMPLETED)
                || (timer == TransactionTimer.M && state == State.ACCEPTED)) {
            return terminate();
        }
        return List.of();
    }

    private List<TransactionEffect> terminate() {
        if (state == State.TERMINATED) {
            return List.of();
        }
        state = State.TERMINATED;
        return List.of(new Terminate());
    }

    /**
     * §17.1.1.3: Request-URI, Call-ID and From of the INVITE; To of the response; the INVITE's top Via
     * alone (same branch); the INVITE's CSeq number with method ACK; the INVITE's Route header fields.
     */
    SipRequest ackFor(SipResponse response) {
        SipRequest.Builder ack = SipRequest.builder(SipMethod.ACK, invite.requestUri())
                .header("Via", invite.topVia().toString())
                .header("Max-Forwards", "70")
                .header("From", invite.headers().first("From").orElseThrow())
                .header("To", response.headers().first("To").orElseThrow())
                .header("Call-ID", invite.callId())
                .header("CSeq", CSeq.of(invite.cseq().sequence(), SipMethod.ACK).toString());
        invite.headers().all("Route").forEach(route -> ack.header("Route", route));
        return ack.build();
    }
}
