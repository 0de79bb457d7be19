package dev.candor.telephony.sip.transaction;

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
 * The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): BYE, CANCEL, REGISTER, REFER...
 *
 * <pre>
 *   Trying ──1xx──▶ Proceeding ──200-699──▶ Completed ──Timer K──▶ Terminated
 *     │ Timer E: resend, doubled to T2   │ Timer E: resend every T2
 *     │ Timer F: timeout to TU           │ Timer F: timeout to TU
 *     └──────────200-699────────────────▶ Completed
 * </pre>
 */
public final class NonInviteClientTransaction extends AbstractTransaction<NonInviteClientTransaction.State>
        implements Transaction {
    /** The states of Figure 6. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private Duration timerE;

    public NonInviteClientTransaction(SipRequest request, TimerSettings timers) {
        super(requireNonInvite(request, " (INVITE has its own transaction, ACK none)"), timers,
                TransactionKey::forClient, State.TRYING, State.TERMINATED);
        this.timerE = timers.t1();
    }

    /** §17.1.2.2: send the request; Timer E at T1 over an unreliable transport; Timer F at 64 × T1. */
    @Override
    public List<TransactionEffect> start() {
        return sendFirst(TransactionTimer.E, timerE, TransactionTimer.F);
    }

    @Override
    List<TransactionEffect> onResponse(SipResponse response) {
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

    @Override
    List<TransactionEffect> onTimer(TransactionTimer timer) {
        boolean active = state == State.TRYING || state == State.PROCEEDING;
        if (timer == TransactionTimer.E && active) {
            // Trying: "reset with a value of MIN(2*T1, T2)" and so on; Proceeding: "reset with a value of T2".
            timerE = state == State.TRYING ? timers.doubled(timerE, true) : timers.t2();
            return List.of(new SendRequest(request), new StartTimer(TransactionTimer.E, timerE));
        }
        if (timer == TransactionTimer.F && active) {
            return timeOut(TransactionTimer.F);
        }
        if (timer == TransactionTimer.K && state == State.COMPLETED) {
            return terminate();
        }
        return List.of();
    }
}
