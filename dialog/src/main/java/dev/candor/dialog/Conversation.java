package dev.candor.dialog;

import java.util.List;

/**
 * One call's conversation: caller events in, agent actions out. Not thread-safe: one caller thread at
 * a time (the call's own event thread).
 *
 * <p>A turn's actions can also be delivered while the turn is still being decided: a conversation
 * phrased by a streaming language model offers each sentence to an {@link ActionSink} as soon as the
 * model has finished it, so that the first sentence plays while the rest is being written. The actions
 * offered come first, in order; the returned list holds the rest. Conversations that cannot stream
 * offer nothing and return everything, which is what the one-argument methods do.
 */
public interface Conversation {

    /** The opening: what Candor says (and does) when the call connects. */
    List<AgentAction> start();

    /** The caller did something; what Candor does about it. */
    List<AgentAction> onEvent(CallerEvent event);

    /** As {@link #start()}, offering actions to {@code early} as soon as each is decided. */
    default List<AgentAction> start(ActionSink early) {
        return start();
    }

    /** As {@link #onEvent(CallerEvent)}, offering actions to {@code early} as soon as each is decided. */
    default List<AgentAction> onEvent(CallerEvent event, ActionSink early) {
        return onEvent(event);
    }

    /** Receives a turn's actions before the turn is over. Called on the conversation's thread. */
    @FunctionalInterface
    interface ActionSink {
        /**
         * Takes one action, which has passed the guardrails.
         *
         * @return {@code false} when the rest of this turn is no longer wanted (the caller interrupted,
         *     the call ended): the conversation then stops producing it and returns at once
         */
        boolean offer(AgentAction action);
    }
}
