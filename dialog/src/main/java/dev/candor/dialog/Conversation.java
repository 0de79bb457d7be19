package dev.candor.dialog;

import java.util.List;

/**
 * One call's conversation: caller events in, agent actions out. Not thread-safe: one caller thread at
 * a time (the call's own event thread).
 */
public interface Conversation {

    /** The opening: what Candor says (and does) when the call connects. */
    List<AgentAction> start();

    /** The caller did something; what Candor does about it. */
    List<AgentAction> onEvent(CallerEvent event);
}
