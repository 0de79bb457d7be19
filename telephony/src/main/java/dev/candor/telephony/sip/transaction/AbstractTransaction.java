package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.transaction.TransactionEffect.ReportTimeout;
import dev.candor.telephony.sip.transaction.TransactionEffect.SendRequest;
import dev.candor.telephony.sip.transaction.TransactionEffect.StartTimer;
import dev.candor.telephony.sip.transaction.TransactionEffect.Terminate;
import dev.candor.telephony.sip.transaction.TransactionEvent.RequestReceived;
import dev.candor.telephony.sip.transaction.TransactionEvent.ResponseReceived;
import dev.candor.telephony.sip.transaction.TransactionEvent.TimerFired;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuResponse;
import dev.candor.telephony.sip.transaction.TransactionEvent.TuTerminate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the four §17 state machines share: the request, the timer settings, whether the transport is
 * reliable, the key, the state, and the moves every machine makes the same way (dispatching an event,
 * entering Terminated, timing out). Each subclass keeps its own figure: its states, its handlers and its
 * timers.
 *
 * @param <S> the subclass's {@code State} enum, named as in the RFC
 */
abstract class AbstractTransaction<S extends Enum<S>> {
    final SipRequest request;
    final TimerSettings timers;
    /** §18: over a reliable transport nothing is retransmitted and the wait timers are zero. */
    final boolean reliable;
    private final TransactionKey key;
    private final S terminated;
    S state;

    /**
     * @param request the request that creates the transaction, already checked by the subclass
     * @param keyOf {@link TransactionKey#forClient} or {@link TransactionKey#forServer}
     * @param initial the state the figure starts in
     * @param terminated the subclass's Terminated state
     */
    AbstractTransaction(SipRequest request, TimerSettings timers, Function<SipRequest, TransactionKey> keyOf,
            S initial, S terminated) {
        this.request = request;
        this.timers = Objects.requireNonNull(timers, "timers");
        this.reliable = Transaction.isReliable(request);
        this.key = keyOf.apply(request);
        this.state = initial;
        this.terminated = terminated;
    }

    /** Checks the request of an INVITE transaction. */
    static SipRequest requireInvite(SipRequest invite) {
        Objects.requireNonNull(invite, "invite");
        if (!invite.method().equals(SipMethod.INVITE)) {
            throw new IllegalArgumentException("not an INVITE: " + invite.method());
        }
        return invite;
    }

    /** Checks the request of a non-INVITE transaction; {@code note} is added to the error text. */
    static SipRequest requireNonInvite(SipRequest request, String note) {
        Objects.requireNonNull(request, "request");
        if (request.method().equals(SipMethod.INVITE) || request.method().equals(SipMethod.ACK)) {
            throw new IllegalArgumentException("not a non-INVITE request: " + request.method() + note);
        }
        return request;
    }

    /** How messages find this transaction. */
    public TransactionKey key() {
        return key;
    }

    /** The request that created the transaction. */
    public SipRequest request() {
        return request;
    }

    /** The state, named as in RFC 3261 §17 (and RFC 6026 for Accepted). */
    public S state() {
        return state;
    }

    /** True once the transaction reached Terminated. */
    public boolean isTerminated() {
        return state == terminated;
    }

    /** Hands {@code event} to its handler; the TU giving the transaction up terminates it in any state. */
    public List<TransactionEffect> step(TransactionEvent event) {
        if (event instanceof RequestReceived r) {
            return onRequest(r.request());
        } else if (event instanceof ResponseReceived r) {
            return onResponse(r.response());
        } else if (event instanceof TuResponse r) {
            return onTuResponse(r.response());
        } else if (event instanceof TimerFired t) {
            return onTimer(t.timer());
        } else if (event instanceof TuTerminate) {
            return terminate();
        }
        return List.of();
    }

    /** A request that matched (server transactions); ignored unless overridden. */
    List<TransactionEffect> onRequest(SipRequest request) {
        return List.of();
    }

    /** A response that matched (client transactions); ignored unless overridden. */
    List<TransactionEffect> onResponse(SipResponse response) {
        return List.of();
    }

    /** A response from the TU (server transactions); ignored unless overridden. */
    List<TransactionEffect> onTuResponse(SipResponse response) {
        return List.of();
    }

    /** A timer fired; ignored unless overridden. */
    List<TransactionEffect> onTimer(TransactionTimer timer) {
        return List.of();
    }

    /**
     * A client transaction's start (§17.1.1.2, §17.1.2.2): send the request, start the retransmission
     * timer over an unreliable transport, start the timeout timer at 64 × T1.
     */
    final List<TransactionEffect> sendFirst(TransactionTimer retransmit, Duration firstInterval,
            TransactionTimer timeout) {
        List<TransactionEffect> effects = new ArrayList<>();
        effects.add(new SendRequest(request));
        if (!reliable) {
            effects.add(new StartTimer(retransmit, firstInterval));
        }
        effects.add(new StartTimer(timeout, timers.timeout()));
        return effects;
    }

    /** Tells the TU that {@code timer} (B, F or H) fired, then terminates. */
    final List<TransactionEffect> timeOut(TransactionTimer timer) {
        List<TransactionEffect> effects = new ArrayList<>();
        effects.add(new ReportTimeout(timer));
        effects.addAll(terminate());
        return effects;
    }

    /** Enters Terminated; nothing to do if already there. */
    final List<TransactionEffect> terminate() {
        if (state == terminated) {
            return List.of();
        }
        state = terminated;
        return List.of(new Terminate());
    }
}
