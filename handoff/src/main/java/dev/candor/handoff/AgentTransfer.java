package dev.candor.handoff;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.call.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One bridged transfer (Candor as a back-to-back user agent, no REFER): calls the agents in order until
 * one answers within the timeout, then joins the caller's and the agent's audio both ways. When either
 * side hangs up, the other is hung up too.
 */
public final class AgentTransfer {
    private static final Logger log = LoggerFactory.getLogger(AgentTransfer.class);

    private final SipEndpoint endpoint;
    private final CallLeg caller;
    private final List<AgentTarget> agents;
    private final Duration answerTimeout;
    private final HandoffListener listener;
    private int next;
    private CallLeg agentLeg;
    private boolean connected;
    private boolean cancelled;

    private AgentTransfer(SipEndpoint endpoint, CallLeg caller, List<AgentTarget> agents, Duration answerTimeout,
                          HandoffListener listener) {
        this.endpoint = endpoint;
        this.caller = caller;
        this.agents = List.copyOf(agents);
        this.answerTimeout = answerTimeout;
        this.listener = listener;
    }

    /** Starts calling the first agent. Call from an application thread (it may resolve host names). */
    public static AgentTransfer start(SipEndpoint endpoint, CallLeg caller, List<AgentTarget> agents,
                                      Duration answerTimeout, HandoffListener listener) {
        AgentTransfer transfer = new AgentTransfer(Objects.requireNonNull(endpoint, "endpoint"),
                Objects.requireNonNull(caller, "caller"), agents, Objects.requireNonNull(answerTimeout),
                Objects.requireNonNull(listener, "listener"));
        transfer.tryNext("no_agent_available");
        return transfer;
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
            tryNext("failed");
        }
    }

    private void onAgentAnswered(AgentTarget agent, CallLeg leg) {
        synchronized (this) {
            if (!cancelled && caller.state() != CallState.ENDED) {
                connected = true;
            }
        }
        if (!isConnected()) {
            leg.hangup();
            return;
        }
        caller.playback().cancelAll();
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
