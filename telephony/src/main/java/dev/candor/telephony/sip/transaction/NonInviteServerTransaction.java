package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.Terminate;
import dev.candor.telephony.sip.transaction.TransactionEvent.RequestReceived;
import dev.candor.telephony.sip.transaction.TransactionEvent.TimerFired;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuResponse;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuTerminate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
public final class NonInviteServerTransaction implements Transaction {
    /** The states of Figure 8. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final SipRequest request;
    private final TimerSettings timers;
    private final boolean reliable;
    private final TransactionKey key;
    private State state = State.TRYING;
    private SipResponse lastResponse;

    public NonInviteServerTransaction(SipRequest request, TimerSettings timers) {
        this.request = Objects.requireNonNull(request, "request");
        this.timers = Objects.requireNonNull(timers, "timers");
        if (request.method().equals(SipMethod.INVITE) || request.method().equals(SipMethod.ACK)) {
            throw new IllegalArgumentException("not a non-INVITE request: " + request.method());
        }
        this.reliable = Transaction.isReliable(request);
        this.key = TransactionKey.forServer(request);
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

    /** The response most recently sent, if any. */
    public Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** Trying: the request went to the TU; nothing to send yet. */
    @Override
    public List<TransactionEffect> start() {
        return List.of();
    }

    @Override
    public List<TransactionEffect> step(TransactionEvent event) {
        if (event instanceof RequestReceived) {
            // Trying absorbs retransmissions; Proceeding and Completed resend the most recent response.
            boolean resend = (state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null;
            return resend ? List.of(new SendResponse(lastResponse)) : List.of();
        } else if (event instanceof TuResponse r) {
            return onTuResponse(r.response());
        } else if (event instanceof TimerFired t) {
            return t.timer() == TransactionTimer.J && state == State.COMPLETED ? terminate() : List.of();
        } else if (event instanceof TuTerminate) {
            return terminate();
        }
        return List.of();
    }

    private List<TransactionEffect> onTuResponse(SipResponse response) {
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

    private List<TransactionEffect> terminate() {
        if (state == State.TERMINATED) {
            return List.of();
        }
        state = State.TERMINATED;
        return List.of(new Terminate());
    }
}
