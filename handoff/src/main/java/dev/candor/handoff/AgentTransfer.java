package dev.candor.handoff;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.call.SipEndpoint;
import dev.candor.telephony.media.PlaybackListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One warm, bridged transfer (Candor as a back-to-back user agent, no REFER). The caller hears hold
 * audio while the agents are called in order, each for up to the answer timeout. When one answers,
 * that agent alone hears the spoken summary (the whisper); then caller and agent are joined both
 * ways. When either side hangs up, the other is hung up too.
 */
public final class AgentTransfer {
    private static final Logger log = LoggerFactory.getLogger(AgentTransfer.class);

    private final SipEndpoint endpoint;
    private final CallLeg caller;
    private final List<AgentTarget> agents;
    private final Duration answerTimeout;
    private final HandoffListener listener;
    private final TransferAudio audio;
    private int next;
    private HoldLoop hold;
    private CallLeg agentLeg;
    private boolean connected;
    private boolean cancelled;

    private AgentTransfer(SipEndpoint endpoint, CallLeg caller, List<AgentTarget> agents, Duration answerTimeout,
                          TransferAudio audio, HandoffListener listener) {
        this.audio = audio;
        this.endpoint = endpoint;
        this.caller = caller;
        this.agents = List.copyOf(agents);
        this.answerTimeout = answerTimeout;
        this.listener = listener;
    }

    /**
     * Starts hold audio for the caller and calls the first agent. Call from an application thread (it
     * may resolve host names).
     */
    public static AgentTransfer start(SipEndpoint endpoint, CallLeg caller, List<AgentTarget> agents,
                                      Duration answerTimeout, TransferAudio audio, HandoffListener listener) {
        AgentTransfer transfer = new AgentTransfer(Objects.requireNonNull(endpoint, "endpoint"),
                Objects.requireNonNull(caller, "caller"), agents, Objects.requireNonNull(answerTimeout),
                Objects.requireNonNull(audio, "audio"), Objects.requireNonNull(listener, "listener"));
        synchronized (transfer) {
            transfer.hold = HoldLoop.start(caller, audio.hold());
        }
        transfer.tryNext("no_agent_available");
        return transfer;
    }

    private void stopHold() {
        HoldLoop loop;
        synchronized (this) {
            loop = hold;
            hold = null;
        }
        if (loop != null) {
            loop.stop();
        }
    }

    /** The caller went away: stop ringing or hang up the agent. */
    public void cancel() {
        CallLeg leg;
        synchronized (this) {
            cancelled = true;
            leg = agentLeg;
        }
        if (leg != null && leg.state() != CallState.ENDED) {
            leg.hangup();
        }
    }

    public synchronized boolean isConnected() {
        return connected;
    }

    /** Calls the next agent, or reports that none could be reached. Never holds the lock while calling out. */
    private void tryNext(String lastOutcome) {
        AgentTarget agent;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            agent = next < agents.size() ? agents.get(next++) : null;
        }
        if (agent == null) {
            stopHold();
            listener.onUnavailable(lastOutcome);
            return;
        }
        log.info("call {}: calling agent {}", caller.id(), agent.name());
        try {
            CallLeg leg = endpoint.call(agent.uri(), "candor", new AgentLegEvents(agent), answerTimeout);
            synchronized (this) {
                agentLeg = leg;
            }
        } catch (IllegalArgumentException e) {
            log.warn("call {}: cannot call agent {}: {}", caller.id(), agent.name(), e.getMessage());
            listener.onAgentSkipped(agent, "failed");
            tryNext("failed");
        }
    }

    /** The agent answered: they alone hear the summary, then the legs are joined. */
    private void onAgentAnswered(AgentTarget agent, CallLeg leg) {
        boolean proceed;
        synchronized (this) {
            proceed = !cancelled && caller.state() != CallState.ENDED;
        }
        if (!proceed) {
            leg.hangup();
            return;
        }
        listener.onAgentAnswered(agent);
        if (audio.whisper().length == 0) {
            bridge(agent, leg);
            return;
        }
        leg.playback().play(audio.whisper(), new PlaybackListener() {
            @Override
            public void finished(long id, int framesPlayed, boolean completed) {
                if (completed && leg.state() != CallState.ENDED) {
                    bridge(agent, leg);
                }
            }
        });
    }

    private void bridge(AgentTarget agent, CallLeg leg) {
        synchronized (this) {
            if (cancelled || connected) {
                return;
            }
            connected = true;
        }
        stopHold();
        caller.forwardAudioTo(leg);
        leg.forwardAudioTo(caller);
        log.info("call {}: bridged to agent {}", caller.id(), agent.name());
        listener.onConnected(agent, leg);
    }

    private void onAgentEnded(AgentTarget agent, EndReason reason) {
        if (isConnected()) {
            caller.forwardAudioTo(null);
            listener.onAgentHungUp(agent);
            caller.hangup();
            return;
        }
        log.info("call {}: agent {} not reached: {}", caller.id(), agent.name(), reason.code());
        listener.onAgentSkipped(agent, reason.code());
        tryNext(reason.code());
    }

    private final class AgentLegEvents implements CallLegListener {
        private final AgentTarget agent;

        AgentLegEvents(AgentTarget agent) {
            this.agent = agent;
        }

        @Override
        public void onRinging(CallLeg leg) {
            listener.onAgentRinging(agent);
        }

        @Override
        public void onEstablished(CallLeg leg) {
            onAgentAnswered(agent, leg);
        }

        @Override
        public void onEnded(CallLeg leg, EndReason reason) {
            onAgentEnded(agent, reason);
        }
    }
}
