package dev.candor.telephony.sip.transaction;

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
 * The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): BYE, CANCEL, REGISTER, REFER...
 *
 * <pre>
 *   Trying ──1xx──▶ Proceeding ──200-699──▶ Completed ──Timer K──▶ Terminated
 *     │ Timer E: resend, doubled to T2   │ Timer E: resend every T2
 *     │ Timer F: timeout to TU           │ Timer F: timeout to TU
 *     └──────────200-699────────────────▶ Completed
 * </pre>
 */
public final class NonInviteClientTransaction implements Transaction {
    /** The states of Figure 6. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final SipRequest request;
    private final TimerSettings timers;
    private final boolean reliable;
    private final TransactionKey key;
    private State state = State.TRYING;
    private Duration timerE;

    public NonInviteClientTransaction(SipRequest request, TimerSettings timers) {
        this.request = Objects.requireNonNull(request, "request");
        this.timers = Objects.requireNonNull(timers, "timers");
        if (request.method().equals(SipMethod.INVITE) || request.method().equals(SipMethod.ACK)) {
            throw new IllegalArgumentException("not a non-INVITE request: " + request.method()
                    + " (INVITE has its own transaction, ACK none)");
        }
        this.reliable = Transaction.isReliable(request);
        this.key = TransactionKey.forClient(request);
        this.timerE = timers.t1();
    }

    @Override
    public TransactionKey key() {
        return key;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** §17.1.2.2: send the request; Timer E at T1 over an unreliable transport; Timer F at 64 × T1. */
    @Override
    public List<TransactionEffect> start() {
        List<TransactionEffect> effects = new ArrayList<>();
        effects.add(new SendRequest(request));
        if (!reliable) {
            effects.add(new StartTimer(TransactionTimer.E, timerE));
        }
        effects.add(new StartTimer(TransactionTimer.F, timers.timeout()));
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
        if (state != State.TRYING && state != State.PROCEEDING) {
            return List.of(); // Completed: "buffer any retransmissions of the final response" — absorbed
        }
        if (response.statusCode() < 200) {
            state = State.PROCEEDING;
            return List.of(new PassToTransactionUser(response));
        }
        List<TransactionEffect> effects = new ArrayList<>(List.of(
                new CancelTimer(TransactionTimer.E), new CancelTimer(TransactionTimer.F), new PassToTransactionUser(response)));
        if (reliable) {
            effects.addAll(terminate()); // Timer K is zero
        } else {
            state = State.COMPLETED;
            effects.add(new StartTimer(TransactionTimer.K, timers.t4()));
        }
        return effects;
    }

    private List<TransactionEffect> onTimer(TransactionTimer timer) {
        boolean active = state == State.TRYING || state == State.PROCEEDING;
        if (timer == TransactionTimer.E && active) {
            // Trying: "reset with a value of MIN(2*T1, T2)" and so on; Proceeding: "reset with a value of T2".
            timerE = state == State.TRYING ? timers.doubled(timerE, true) : timers.t2();
            return List.of(new SendRequest(request), new StartTimer(TransactionTimer.E, timerE));
        }
        if (timer == TransactionTimer.F && active) {
            List<TransactionEffect> effects = new ArrayList<>();
            effects.add(new ReportTimeout(TransactionTimer.F));
            effects.addAll(terminate());
            return effects;
        }
        if (timer == TransactionTimer.K && state == State.COMPLETED) {
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
