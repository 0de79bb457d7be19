package dev.candor.app.campaign;

import dev.candor.app.call.CallServices;
import dev.candor.app.call.CallSession;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CampaignStore.Outcome;
import dev.candor.app.storage.DecisionRow;
import dev.candor.app.storage.Direction;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.Scenario;
import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.call.SipEndpoint;
import dev.candor.telephony.media.MediaStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Places outbound calls through the SIP endpoint (and the trunk's outbound proxy and credentials, as
 * configured); each answered call runs as a {@link CallSession} with the given scenario, exactly as an
 * inbound call does. Every placed call leaves a row in {@code calls} (direction outbound), answered or not.
 */
public final class SipOutboundCalls implements OutboundCalls {
    private static final Logger log = LoggerFactory.getLogger(SipOutboundCalls.class);
    static final String FROM_USER = "candor";

    private final SipEndpoint endpoint;
    private final CallServices services;
    private final Function<Scenario, Conversation> conversations;
    private final Duration ringTimeout;

    public SipOutboundCalls(SipEndpoint endpoint, CallServices services, Function<Scenario, Conversation> conversations,
                            Duration ringTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.services = Objects.requireNonNull(services, "services");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.ringTimeout = Objects.requireNonNull(ringTimeout, "ringTimeout");
    }

    @Override
    public Placed place(String uri, Scenario scenario) {
        OutboundCall call = new OutboundCall(scenario);
        CallLeg leg = endpoint.call(uri, FROM_USER, call, ringTimeout);
        services.store().createCall(new CallRecord(leg.id(), Direction.OUTBOUND, leg.localUri(), leg.remoteUri(),
                leg.sipCallId(), services.clock().instant()));
        call.recorded.countDown();
        return new Placed(leg.id(), call.finished);
    }

    /** One placed call: before the answer only its outcome matters; after it, a call session runs it. */
    private final class OutboundCall implements CallLegListener {
        private final Scenario scenario;
        private final CountDownLatch recorded = new CountDownLatch(1);
        private final CompletableFuture<Outcome> finished = new CompletableFuture<>();
        private volatile CallSession session;

        OutboundCall(Scenario scenario) {
            this.scenario = scenario;
        }

        /** Leg events run on the leg's own executor (never an event loop): waiting for the row is fine. */
        private void awaitRecorded(CallLeg leg) {
            try {
                if (!recorded.await(5, TimeUnit.SECONDS)) {
                    log.warn("call {}: its calls row was not written within 5 s", leg.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onEstablished(CallLeg leg) {
            awaitRecorded(leg);
            CallSession s = new CallSession(leg, conversations.apply(scenario), services);
            s.beginAnswered();
            session = s;
            s.onEstablished(leg);
        }

        @Override
        public void onAudio(CallLeg leg, short[] frame) {
            CallSession s = session;
            if (s != null) {
                s.onAudio(leg, frame);
            }
        }

        @Override
        public void onDtmf(CallLeg leg, char digit) {
            CallSession s = session;
            if (s != null) {
                s.onDtmf(leg, digit);
            }
        }

        @Override
        public void onMediaReport(CallLeg leg, MediaStatistics statistics) {
            CallSession s = session;
            if (s != null) {
                s.onMediaReport(leg, statistics);
            }
        }

        @Override
        public void onEnded(CallLeg leg, EndReason reason) {
            awaitRecorded(leg);
            CallSession s = session;
            try {
                if (s == null) {
                    services.store().markEnded(leg.id(), services.clock().instant(), reason.code());
                    finished.complete(new Outcome(notAnswered(reason), Optional.of(reason.code()), Optional.empty(),
                            false, false));
                    return;
                }
                s.onEnded(leg, reason);
                finished.complete(answered(leg.id(), reason));
            } catch (RuntimeException e) {
                finished.completeExceptionally(e);
                throw e;
            }
        }
    }

    /** no_answer (no answer in time, or cancelled), busy, or failed (rejected, no common codec, network). */
    static String notAnswered(EndReason reason) {
        return switch (reason) {
            case BUSY -> "busy";
            case NO_ANSWER, CANCELLED -> "no_answer";
            default -> "failed";
        };
    }

    /** An answered call's outcome from its decisions: how the conversation ended, handoff, callback, do-not-call. */
    private Outcome answered(String callId, EndReason reason) {
        List<DecisionRow> decisions = services.store().decisions(callId);
        Optional<String> end = decisions.stream().filter(d -> d.kind().equals("end_call")).map(DecisionRow::reason)
                .findFirst();
        Optional<String> handoff = decisions.stream().filter(d -> d.kind().equals("handoff")).map(DecisionRow::reason)
                .findFirst();
        boolean callback = decisions.stream().anyMatch(d -> d.kind().equals("callback_scheduled"));
        boolean dnc = decisions.stream().anyMatch(d -> d.kind().equals("do_not_call"));
        return new Outcome("answered", Optional.of(end.orElse(reason.code())), handoff, callback, dnc);
    }
}
