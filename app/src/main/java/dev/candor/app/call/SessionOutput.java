package dev.candor.app.call;

import java.util.Map;
import java.util.Optional;

/** What the handoff flow asks of its call session. Called with the session's lock held. */
interface SessionOutput {

    /** Says {@code text} after whatever is queued, storing the turn. */
    void say(String text);

    /** Runs {@code task} (with the session's lock held) once everything queued has been played. */
    void whenPlayed(Runnable task);

    /** Ends the call after whatever is queued. */
    void endCall(String reason);

    /** Stores a decision with its reason and shows it live. */
    void decide(String kind, String reason, Map<String, ?> details);

    /** Shows the call's new state live. */
    void status(String status, Optional<String> agent);

    /** The caller is now bridged to this agent's leg. */
    void agentConnected(dev.candor.telephony.call.CallLeg agentLeg);

    /** True once the caller has gone. */
    boolean ended();
}
