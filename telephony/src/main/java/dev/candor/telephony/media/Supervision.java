package dev.candor.telephony.media;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The supervisor operations on a call as {@link Mixer} settings for its three legs: the caller,
 * the agent (a person, or Candor while it handles the call) and the supervisor. {@link #apply}
 * only changes settings, all three in one step, so switching between modes never redials anyone
 * and no tick mixes half of one mode with half of another. See the table in
 * {@link Mixer} for who hears whom in each mode.
 */
public enum Supervision {

    /** The supervisor hears caller and agent and is heard by nobody. */
    LISTEN {
        @Override
        <K> Map<K, Participation<K>> settings(K caller, K agent, K supervisor) {
            return Map.of(caller, Participation.full(), agent, Participation.full(),
                    supervisor, Participation.listening());
        }
    },

    /** The supervisor talks to the agent alone; the caller hears only the agent. */
    WHISPER {
        @Override
        <K> Map<K, Participation<K>> settings(K caller, K agent, K supervisor) {
            return Map.of(caller, Participation.hearingOnly(Set.of(agent)), agent, Participation.full(),
                    supervisor, Participation.full());
        }
    },

    /** All three hear each other. */
    BARGE {
        @Override
        <K> Map<K, Participation<K>> settings(K caller, K agent, K supervisor) {
            return Map.of(caller, Participation.full(), agent, Participation.full(),
                    supervisor, Participation.full());
        }
    },

    /** The supervisor replaces the agent: caller and supervisor hear each other, the agent is out. */
    TAKE_OVER {
        @Override
        <K> Map<K, Participation<K>> settings(K caller, K agent, K supervisor) {
            return Map.of(caller, Participation.full(), agent, Participation.detached(),
                    supervisor, Participation.full());
        }
    };

    /**
     * Sets the three legs, already in the mixer, to this mode.
     *
     * @throws IllegalArgumentException if a leg is not in the mixer or two legs share an id
     */
    public <K> void apply(Mixer<K> mixer, K caller, K agent, K supervisor) {
        Objects.requireNonNull(mixer, "mixer");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(supervisor, "supervisor");
        if (caller.equals(agent) || caller.equals(supervisor) || agent.equals(supervisor)) {
            throw new IllegalArgumentException(
                    "invalid legs: " + caller + ", " + agent + ", " + supervisor + " (expected three distinct ids)");
        }
        mixer.setAll(settings(caller, agent, supervisor));
    }

    /** The settings of the three legs in this mode. */
    abstract <K> Map<K, Participation<K>> settings(K caller, K agent, K supervisor);
}
