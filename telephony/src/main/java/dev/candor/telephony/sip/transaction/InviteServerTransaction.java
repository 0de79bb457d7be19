package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.CancelTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.PassToTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
public final class InviteServerTransaction extends AbstractTransaction<InviteServerTransaction.State>
        implements Transaction {
    /** The states of Figure 7, plus Accepted (RFC 6026). */
    public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    private SipResponse lastResponse;
    private Duration timerG;

    public InviteServerTransaction(SipRequest invite, TimerSettings timers) {
        super(requireInvite(invite), timers, TransactionKey::forServer, State.PROCEEDING, State.TERMINATED);
        this.timerG = timers.t1();
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
    List<TransactionEffect> onRequest(SipRequest received) {
        if (received.method().equals(SipMethod.ACK)) {
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
            return state == State.ACCEPTED ? List.of(new PassToTransactionUser(received)) : List.of();
        }
        // A retransmitted INVITE: Proceeding and Completed resend the most recent response; Accepted
        // (RFC 6026 §7.1) and Confirmed absorb it.
        if ((state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null) {
            return List.of(new SendResponse(lastResponse));
        }
        return List.of();
    }

    @Override
    List<TransactionEffect> onTuResponse(SipResponse response) {
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

    @Override
    List<TransactionEffect> onTimer(TransactionTimer timer) {
        if (timer == TransactionTimer.TRYING && state == State.PROCEEDING && lastResponse == null) {
            lastResponse = SipResponse.to(request, 100);
            return List.of(new SendResponse(lastResponse));
        }
        if (timer == TransactionTimer.G && state == State.COMPLETED) {
            timerG = timers.doubled(timerG, true);
            return List.of(new SendResponse(lastResponse), new StartTimer(TransactionTimer.G, timerG));
        }
        if (timer == TransactionTimer.H && state == State.COMPLETED) {
            return timeOut(TransactionTimer.H);
        }
        if ((timer == TransactionTimer.I && state == State.CONFIRMED)
                || (timer == TransactionTimer.L && state == State.ACCEPTED)) {
            return terminate();
        }
        return List.of();
    }
}
