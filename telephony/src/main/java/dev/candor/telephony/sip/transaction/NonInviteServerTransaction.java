package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8).
 *
 * <pre>
 *   Trying ──TU 1xx──▶ Proceeding ──TU 200-699──▶ Completed ──Timer J──▶ Terminated
 *     │ request: absorbed   │ request: resend 1xx    │ request: resend the final response
 *     └────────TU 200-699──────────────────────────▶ Completed
 * </pre>
 */
public final class NonInviteServerTransaction extends AbstractTransaction<NonInviteServerTransaction.State>
        implements Transaction {
    /** The states of Figure 8. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private SipResponse lastResponse;

    public NonInviteServerTransaction(SipRequest request, TimerSettings timers) {
        super(requireNonInvite(request, ""), timers, TransactionKey::forServer, State.TRYING, State.TERMINATED);
    }

    /** The response most recently sent, if any. */
    public Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** Trying: the request went to the TU; nothing to send yet. */
    @Override
    public List<TransactionEffect> start() {
        return List.of();
    }

    /** Trying absorbs retransmissions; Proceeding and Completed resend the most recent response. */
    @Override
    List<TransactionEffect> onRequest(SipRequest retransmission) {
        boolean resend = (state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null;
        return resend ? List.of(new SendResponse(lastResponse)) : List.of();
    }

    @Override
    List<TransactionEffect> onTimer(TransactionTimer timer) {
        return timer == TransactionTimer.J && state == State.COMPLETED ? terminate() : List.of();
    }

    @Override
    List<TransactionEffect> onTuResponse(SipResponse response) {
        if (state != State.TRYING && state != State.PROCEEDING) {
            // "Any other final responses passed by the TU to the server transaction MUST be discarded".
            return List.of();
        }
        lastResponse = response;
        List<TransactionEffect> effects = new ArrayList<>();
        effects.add(new SendResponse(response));
        if (response.statusCode() < 200) {
            state = State.PROCEEDING;
        } else if (reliable) {
            effects.addAll(terminate()); // Timer J is zero
        } else {
            state = State.COMPLETED;
            effects.add(new StartTimer(TransactionTimer.J, timers.timeout()));
        }
        return effects;
    }
}
