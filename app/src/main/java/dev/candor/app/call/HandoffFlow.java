package dev.candor.app.call;

import dev.candor.dialog.AgentAction;
import dev.candor.handoff.AgentTarget;
import dev.candor.handoff.AgentTransfer;
import dev.candor.handoff.HandoffListener;
import dev.candor.handoff.HandoffQueue;
import dev.candor.handoff.HoldLoop;
import dev.candor.handoff.TransferAudio;
import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Getting the caller to a person once the conversation has decided to hand over: ring the free agents
 * (warm transfer); when nobody is free, wait in line with hold audio and the position announced now and
 * then; when nobody answers or the wait is too long, say so plainly and offer a callback at a time the
 * caller picks by key. A reason configured for cold transfer ({@code handoff.cold-transfer}) first asks
 * the caller's side by REFER to call an external URI instead; if it refuses or the transfer fails, the
 * caller goes to an agent as above. Every method runs with the session's lock held ({@code lock}).
 */
final class HandoffFlow {
    private static final Logger log = LoggerFactory.getLogger(HandoffFlow.class);
    private static final short[] HOLD = HoldAudio.chime();
    /** Under ten seconds of FreeTTS speech (measured: about 230 words a minute with the default voice). */
    static final int WHISPER_MAX_WORDS = 30;
    public static final String CALLBACK_OFFER = "No one can take your call right now. To be called back within the hour, "
            + "press 1. To be called back tomorrow morning, press 2. Or hang up.";
    public static final String TRANSFER_NOTICE = "I'm transferring your call now. Please stay on the line.";

    private enum Phase { REFERRING, TRANSFERRING, QUEUED, OFFERING_CALLBACK, CONNECTED, DONE }

    private final Object lock;
    private final CallLeg leg;
    private final CallServices services;
    private final SessionOutput out;
    private final String summary;
    private final String reason;
    private Phase phase;
    /** A REFER was sent and its outcome is not yet recorded (the caller may hang up before it comes). */
    private boolean referOutstanding;
    private AgentTransfer transfer;
    private HandoffQueue.Ticket ticket;
    private HoldLoop hold;
    private ScheduledFuture<?> poll;
    private Instant lastAnnounced;

    private HandoffFlow(Object lock, CallLeg leg, CallServices services, SessionOutput out, String summary,
                        String reason) {
        this.lock = lock;
        this.reason = reason;
        this.leg = leg;
        this.services = services;
        this.out = out;
        this.summary = summary;
    }

    /** Starts the handoff; records the decision first. */
    static HandoffFlow start(Object lock, CallLeg leg, CallServices services, SessionOutput out,
                             AgentAction.Handoff handoff) {
        HandoffFlow flow = new HandoffFlow(lock, leg, services, out, handoff.summary(), handoff.reason().code());
        List<AgentTarget> agents = services.handoffs().agents().candidates(Optional.empty());
        Optional<String> coldTarget = services.handoffs().coldTransferTarget(handoff.reason().code());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("summary", handoff.summary());
        details.put("agents", agents.stream().map(AgentTarget::name).toList());
        coldTarget.ifPresent(target -> details.put("cold_transfer", target));
        out.decide("handoff", handoff.reason().code(), details);
        services.live().handoffSummary(leg.id(), handoff.summary());
        log.info("call {}: handing off ({})", leg.id(), handoff.reason().code());
        if (coldTarget.isPresent()) {
            flow.coldTransfer(coldTarget.get());
        } else {
            flow.toAgents();
        }
        return flow;
    }

    /** The bridged transfer: ring the free agents, or wait in line when none is free. */
    private void toAgents() {
        List<AgentTarget> agents = services.handoffs().agents().candidates(Optional.empty());
        if (agents.isEmpty()) {
            waitInLine();
        } else {
            transferTo(agents);
        }
    }

    /**
     * Cold transfer: the caller hears that they are being transferred, then their side is asked by REFER
     * to call {@code target}. The outcome is stored as a {@code transfer} decision; anything but success
     * falls back to the agents.
     */
    private void coldTransfer(String target) {
        phase = Phase.REFERRING;
        out.status("transferring", Optional.empty());
        out.say(TRANSFER_NOTICE);
        out.whenPlayed(() -> {
            if (phase != Phase.REFERRING || out.ended()) {
                return;
            }
            referOutstanding = true;
            try {
                leg.transfer(target, new ReferEvents(target));
            } catch (IllegalArgumentException e) {
                log.warn("call {}: cannot transfer to {}: {}", leg.id(), target, e.getMessage());
                transferEnded(target, "refused", 0);
            }
        });
    }

    /** Records how the REFER ended; on anything but success, hands the caller to the agents instead. */
    private void transferEnded(String target, String outcome, int status) {
        if (!referOutstanding) {
            return;
        }
        referOutstanding = false;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", target);
        details.put("outcome", outcome);
        details.put("status", status);
        out.decide("transfer", reason, details);
        if (outcome.equals("succeeded")) {
            phase = Phase.DONE;
            if (!out.ended()) {
                out.status("transferred", Optional.empty());
            }
        } else if (phase == Phase.REFERRING && !out.ended()) {
            log.info("call {}: cold transfer {} ({}); falling back to the agents", leg.id(), outcome, status);
            toAgents();
        }
    }

    private void transferTo(List<AgentTarget> agents) {
        phase = Phase.TRANSFERRING;
        out.status("connecting", Optional.empty());
        services.workers().execute(() -> {
            TransferAudio audio = new TransferAudio(HOLD, services.prompts().pcm(whisper(summary)));
            AgentTransfer started = AgentTransfer.start(services.handoffs().endpoint(), leg, agents,
                    services.handoffs().answerTimeout(), audio, new TransferEvents());
            synchronized (lock) {
                transfer = started;
                if (out.ended()) {
                    started.cancel();
                }
            }
        });
    }

    private void waitInLine() {
        phase = Phase.QUEUED;
        ticket = services.queue().join(leg.id(), services.clock().instant());
        out.decide("queued", "no_agent_available", Map.of("position", ticket.position().orElse(0)));
        out.status("queued", Optional.empty());
        out.say("All our people are busy right now. You are number " + ticket.position().orElse(1)
                + " in line. Please hold.");
        lastAnnounced = services.clock().instant();
        hold = HoldLoop.start(leg, HOLD);
        poll = services.timers().scheduleWithFixedDelay(this::checkLine, 1, 1, TimeUnit.SECONDS);
    }

    /** Once a second while waiting: take a free agent at the head of the line, announce, or give up. */
    private void checkLine() {
        synchronized (lock) {
            if (phase != Phase.QUEUED || out.ended()) {
                return;
            }
            Instant now = services.clock().instant();
            List<AgentTarget> free = services.handoffs().agents().candidates(Optional.empty());
            if (!free.isEmpty() && ticket.takeTurn()) {
                stopWaiting();
                transferTo(free);
            } else if (Duration.between(ticket.enqueuedAt(), now).compareTo(services.handoffs().maxWait()) >= 0) {
                ticket.leave();
                stopWaiting();
                offerCallback("max_wait");
            } else if (Duration.between(lastAnnounced, now).compareTo(services.handoffs().positionInterval()) >= 0) {
                lastAnnounced = now;
                out.say("You are number " + ticket.position().orElse(1) + " in line. Please hold.");
            }
        }
    }

    private void stopWaiting() {
        if (poll != null) {
            poll.cancel(false);
        }
        if (hold != null) {
            hold.stop();
        }
    }

    private void offerCallback(String outcome) {
        phase = Phase.OFFERING_CALLBACK;
        out.decide("agent_unavailable", outcome, Map.of());
        out.status("callback_offer", Optional.empty());
        out.say(CALLBACK_OFFER);
        services.timers().schedule(() -> {
            synchronized (lock) {
                if (phase == Phase.OFFERING_CALLBACK && !out.ended()) {
                    phase = Phase.DONE;
                    out.say("Goodbye.");
                    out.endCall("no_callback_chosen");
                }
            }
        }, 30, TimeUnit.SECONDS);
    }

    /** Keys while handing off: only the callback choice means something. True when consumed. */
    boolean onDtmf(char digit) {
        if (phase != Phase.OFFERING_CALLBACK) {
            return true;
        }
        ZonedDateTime now = services.clock().instant().atZone(services.handoffs().zone());
        ZonedDateTime due;
        String when;
        if (digit == '1') {
            due = now.plusHours(1);
            when = "within the hour";
        } else if (digit == '2') {
            due = now.plusDays(1).withHour(9).withMinute(0).withSecond(0).withNano(0);
            when = "tomorrow morning at 9";
        } else {
            out.say(CALLBACK_OFFER);
            return true;
        }
        phase = Phase.DONE;
        services.callbacks().add(Optional.of(leg.id()), leg.remoteUri(), due.toInstant(),
                "caller chose " + when, services.clock().instant());
        out.decide("callback_scheduled", "caller_choice",
                Map.of("due", due.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), "choice", String.valueOf(digit)));
        out.say("A person will call you back " + when + " at this number. Goodbye.");
        out.endCall("callback_scheduled");
        return true;
    }

    /** The caller hung up: stop ringing agents and leave the line. */
    void onCallEnded() {
        phase = Phase.DONE;
        if (ticket != null) {
            ticket.leave();
        }
        stopWaiting();
        AgentTransfer running = transfer;
        if (running != null) {
            services.workers().execute(running::cancel);
        }
    }

    /**
     * What the agent alone hears on answering: the summary, kept to about ten seconds of speech. The
     * sentence that says why the caller is being handed over goes first, so a cut never loses it; whole
     * sentences follow while they fit.
     */
    static String whisper(String summary) {
        List<String> sentences = new ArrayList<>(List.of(summary.trim().split("(?<=[.!?])\\s+")));
        sentences.sort(java.util.Comparator.comparing(x -> !x.startsWith("Handed over because")));
        StringBuilder out = new StringBuilder("Call from Candor.");
        int words = 3;
        for (String sentence : sentences) {
            String[] w = sentence.split("\\s+");
            if (words + w.length > WHISPER_MAX_WORDS) {
                if (words == 3) { // even the first sentence is too long: cut it
                    out.append(' ').append(String.join(" ", java.util.Arrays.copyOf(w, WHISPER_MAX_WORDS - words)))
                            .append('.');
                }
                break;
            }
            out.append(' ').append(sentence);
            words += w.length;
        }
        return out.toString();
    }

    /** The REFER's progress, on the caller leg's event thread. */
    private final class ReferEvents implements TransferListener {
        private final String target;

        ReferEvents(String target) {
            this.target = target;
        }

        @Override
        public void onAccepted(int statusCode) {
            log.info("call {}: REFER accepted ({})", leg.id(), statusCode);
        }

        @Override
        public void onSucceeded(int statusCode) {
            synchronized (lock) {
                transferEnded(target, "succeeded", statusCode);
            }
        }

        @Override
        public void onFailed(int statusCode) {
            synchronized (lock) {
                transferEnded(target, "failed", statusCode);
            }
        }

        @Override
        public void onRefused(int statusCode) {
            synchronized (lock) {
                transferEnded(target, "refused", statusCode);
            }
        }
    }

    private final class TransferEvents implements HandoffListener {
        @Override
        public void onAgentAnswered(AgentTarget agent) {
            synchronized (lock) {
                out.status("whisper", Optional.of(agent.name()));
            }
        }

        @Override
        public void onConnected(AgentTarget agent, CallLeg agentLeg) {
            services.handoffs().agents().callStarted(agent.name());
            synchronized (lock) {
                phase = Phase.CONNECTED;
                out.agentConnected(agentLeg);
                out.decide("agent_connected", "answered", Map.of("agent", agent.name()));
                out.status("with_agent", Optional.of(agent.name()));
            }
        }

        @Override
        public void onUnavailable(String outcome) {
            synchronized (lock) {
                if (!out.ended() && phase == Phase.TRANSFERRING) {
                    offerCallback(outcome);
                }
            }
        }

        @Override
        public void onAgentHungUp(AgentTarget agent) {
            services.handoffs().agents().callEnded(agent.name());
            synchronized (lock) {
                if (!out.ended()) {
                    out.decide("agent_hung_up", "agent_bye", Map.of("agent", agent.name()));
                }
            }
        }
    }
}
