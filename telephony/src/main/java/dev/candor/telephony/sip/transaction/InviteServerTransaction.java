package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.CancelTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.PassToTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionEffect.ReportTimeout;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.Terminate;
import dev.candor.telephony.sip.transaction.TransactionEvent.RequestReceived;
import dev.candor.telephony.sip.transaction.TransactionEvent.TimerFired;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuResponse;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuTerminate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The INVITE server transaction (RFC 3261 §17.2.1, Figure 7, with RFC 6026 §7.1's Accepted state).
 *
 * <pre>
 *   Proceeding ──TU 300-699──▶ Completed ──ACK──▶ Confirmed ──Timer I──▶ Terminated
 *     │ INVITE: resend last 1xx  │ Timer G: resend, doubled to T2
 *     │ 200 ms, no TU 1xx: 100   │ Timer H: timeout to TU (no ACK)
 *     │                          │ INVITE: resend the final response
 *     └──TU 2xx──▶ Accepted ──Timer L──▶ Terminated
 *                    INVITE retransmissions absorbed; the TU's 2xx retransmissions sent; an ACK that
 *                    matches (RFC 2543 peers) passed to the TU
 * </pre>
 *
 * The 2xx itself is retransmitted by the UAS core until its ACK (§13.3.1.4), not here.
 */
public final class InviteServerTransaction implements Transaction {
    /** The states of Figure 7, plus Accepted (RFC 6026). */
    public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    private final SipRequest invite;
    private final TimerSettings timers;
    private final boolean reliable;
    private final TransactionKey key;
    private State state = State.PROCEEDING;
    private SipResponse lastResponse;
    private Duration timerG;

    public InviteServerTransaction(SipRequest invite, TimerSettings timers) {
        this.invite = Objects.requireNonNull(invite, "invite");
        this.timers = Objects.requireNonNull(timers, "timers");
        if (!invite.method().equals(SipMethod.INVITE)) {
            throw new IllegalArgumentException("not an INVITE: " + invite.method());
        }
        this.reliable = Transaction.isReliable(invite);
        this.key = TransactionKey.forServer(invite);
        this.timerG = timers.t1();
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

    /** The response most recently sent (provisional or final), if any. */
    public Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /**
     * §17.2.1: "the server transaction MUST generate a 100 (Trying) response unless it knows that the
     * TU will generate a provisional or final response within 200 ms".
     */
    @Override
    public List<TransactionEffect> start() {
        return List.of(new StartTimer(TransactionTimer.TRYING, TimerSettings.TRYING_DELAY));
    }

    @Override
    public List<TransactionEffect> step(TransactionEvent event) {
        if (event instanceof RequestReceived r) {
            return onRequest(r.request());
        } else if (event instanceof TuResponse r) {
            return onTuResponse(r.response());
        } else if (event instanceof TimerFired t) {
            return onTimer(t.timer());
        } else if (event instanceof TuTerminate) {
            return terminate();
        }
        return List.of();
    }

    private List<TransactionEffect> onRequest(SipRequest request) {
        if (request.method().equals(SipMethod.ACK)) {
            if (state == State.COMPLETED) {
                // "If an ACK is received while the server transaction is in the Completed state, the
                // server transaction MUST transition to the Confirmed state"; Timer G stops.
                List<TransactionEffect> effects = new ArrayList<>(List.of(
                        new CancelTimer(TransactionTimer.G), new CancelTimer(TransactionTimer.H)));
                if (reliable) {
                    effects.addAll(terminate()); // Timer I is zero
                } else {
                    state = State.CONFIRMED;
                    effects.add(new StartTimer(TransactionTimer.I, timers.t4()));
                }
                return effects;
            }
            return state == State.ACCEPTED ? List.of(new PassToTransactionUser(request)) : List.of();
        }
        // A retransmitted INVITE: Proceeding and Completed resend the most recent response; Accepted
        // (RFC 6026 §7.1) and Confirmed absorb it.
        if ((state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null) {
            return List.of(new SendResponse(lastResponse));
        }
        return List.of();
    }

    private List<TransactionEffect> onTuResponse(SipResponse response) {
        int status = response.statusCode();
        if (state == State.ACCEPTED) {
            // RFC 6026 §7.1: the TU's 2xx retransmissions pass through; nothing else may be sent.
            return status >= 200 && status < 300 ? List.of(new SendResponse(response)) : List.of();
        }
        if (state != State.PROCEEDING) {
            return List.of();
        }
        List<TransactionEffect> effects = new ArrayList<>();
        effects.add(new CancelTimer(TransactionTimer.TRYING));
        effects.add(new SendResponse(response));
        lastResponse = response;
        if (status >= 200 && status < 300) {
            state = State.ACCEPTED;
            effects.add(new StartTimer(TransactionTimer.L, timers.timeout()));
        } else if (status >= 300) {
            state = State.COMPLETED;
            if (!reliable) {
                effects.add(new StartTimer(TransactionTimer.G, timerG));
            }
            effects.add(new StartTimer(TransactionTimer.H, timers.timeout()));
        }
        return effects;
    }

    private List<TransactionEffect> onTimer(TransactionTimer timer) {
        if (timer == TransactionTimer.TRYING && state == State.PROCEEDING && lastResponse == null) {
            lastResponse = SipResponse.to(invite, 100);
            return List.of(new SendResponse(lastResponse));
        }
        if (timer == TransactionTimer.G && state == State.COMPLETED) {
            timerG = timers.doubled(timerG, true);
            return List.of(new SendResponse(lastResponse), new StartTimer(TransactionTimer.G, timerG));
        }
        if (timer == TransactionTimer.H && state == State.COMPLETED) {
            List<TransactionEffect> effects = new ArrayList<>();
            effects.add(new ReportTimeout(TransactionTimer.H));
            effects.addAll(terminate());
            return effects;
        }
        if ((timer == TransactionTimer.I && state == State.CONFIRMED)
                || (timer == TransactionTimer.L && state == State.ACCEPTED)) {
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
}
