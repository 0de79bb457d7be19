package dev.candor.handoff;

import dev.candor.telephony.call.CallLeg;

/**
 * How a transfer goes. Called on the agent leg's event thread; implementations synchronise with their
 * own caller-side events.
 */
public interface HandoffListener {

    /** The agent's phone is ringing. */
    default void onAgentRinging(AgentTarget agent) {
    }

    /** The agent answered; they now hear the summary, and are bridged once it has been played. */
    default void onAgentAnswered(AgentTarget agent) {
    }

    /** {@code agent} was tried and not reached ({@code outcome}: no_answer, busy, rejected, failed...); the next is tried. */
    default void onAgentSkipped(AgentTarget agent, String outcome) {
    }

    /** The agent is now bridged to the caller. */
    void onConnected(AgentTarget agent, CallLeg agentLeg);

    /** No agent could be reached; {@code outcome} is the last agent's result (no_answer, busy, rejected...). */
    void onUnavailable(String outcome);

    /** The bridged agent's leg ended, whichever side hung up (the other leg is hung up too). */
    default void onAgentHungUp(AgentTarget agent) {
    }
}
