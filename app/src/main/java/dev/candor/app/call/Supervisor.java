package dev.candor.app.call;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.Conference;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.media.Participation;
import dev.candor.telephony.media.Supervision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A supervisor on one call: Candor calls the supervisor's phone once, joins it through a
 * {@link Conference}, and from then on a mode change is only a change of mixer settings, never a
 * redial. On a call Candor handles, the participants are the caller, Candor's voice and the
 * supervisor; on a call with an agent, the caller, the agent and the supervisor.
 */
final class Supervisor implements CallLegListener {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    static final String CALLER = "caller";
    static final String AGENT = "agent";
    static final String CANDOR = "candor";
    static final String SUPERVISOR = "supervisor";

    private final Object lock;
    private final String name;
    private final CallLeg caller;
    private final MediaClock clock;
    private final Listener listener;
    private CallLeg agent;
    private CallLeg phone;
    private Conference conference;
    private SupervisionMode mode;
    private boolean joined;

    /** What the call session hears back. Called with {@code lock} held. */
    interface Listener {
        void modeApplied(String supervisor, SupervisionMode mode);

        void supervisorLeft(String supervisor, boolean tookOver);
    }

    Supervisor(Object lock, String name, CallLeg caller, Optional<CallLeg> agent, MediaClock clock, Listener listener) {
        this.lock = lock;
        this.name = Objects.requireNonNull(name, "name");
        this.caller = caller;
        this.agent = agent.orElse(null);
        this.clock = clock;
        this.listener = listener;
    }

    String name() {
        return name;
    }

    /** Dials the supervisor's phone; the mode is applied once it answers. Call off the lock (may resolve names). */
    void dial(Handoffs handoffs, String phoneUri, SupervisionMode first) {
        synchronized (lock) {
            mode = first;
        }
        CallLeg leg = handoffs.endpoint().call(phoneUri, "candor-supervision", this, handoffs.answerTimeout());
        synchronized (lock) {
            phone = leg;
        }
    }

    /** Switches mode; applied at once when the phone is already joined. */
    void change(SupervisionMode next) {
        if (next == mode) {
            return; // already so, or about to be once the phone answers
        }
        mode = next;
        if (joined) {
            apply();
        }
    }

    @Override
    public void onEstablished(CallLeg leg) {
        synchronized (lock) {
            if (caller.state() == CallState.ENDED) {
                leg.hangup();
                return;
            }
            conference = Conference.start(clock);
            conference.join(CALLER, caller, Participation.full());
            if (agent != null) {
                agent.forwardAudioTo(null);
                conference.join(AGENT, agent, Participation.full());
            } else {
                conference.joinVoiceOf(CANDOR, caller);
            }
            conference.join(SUPERVISOR, leg, Participation.listening());
            joined = true;
            apply();
            log.info("call {}: supervisor {} joined ({})", caller.id(), name, mode.code());
        }
    }

    private void apply() {
        if (agent != null) {
            Supervision.valueOf(mode.name()).apply(conference.mixer(), CALLER, AGENT, SUPERVISOR);
        } else {
            conference.setAll(candorSettings(mode));
        }
        listener.modeApplied(name, mode);
    }

    /**
     * Settings while Candor handles the call. The caller already hears Candor directly (its prompts),
     * so through the conference the caller hears only the supervisor, and only when barging in or
     * taking over.
     */
    static Map<String, Participation<String>> candorSettings(SupervisionMode mode) {
        Participation<String> callerHearsSupervisor = new Participation<>(true, true, Optional.of(Set.of(SUPERVISOR)));
        Participation<String> callerHearsNobody = new Participation<>(true, false, Optional.empty());
        Participation<String> voice = new Participation<>(true, false, Optional.empty());
        return switch (mode) {
            case LISTEN -> Map.of(CALLER, callerHearsNobody, CANDOR, voice, SUPERVISOR, Participation.listening());
            case BARGE, TAKE_OVER -> Map.of(CALLER, callerHearsSupervisor, CANDOR, voice,
                    SUPERVISOR, Participation.full());
            case WHISPER -> throw new IllegalStateException("whisper is not offered while Candor handles the call");
        };
    }

    @Override
    public void onEnded(CallLeg leg, EndReason reason) {
        synchronized (lock) {
            boolean tookOver = mode == SupervisionMode.TAKE_OVER && joined;
            leaveConference();
            listener.supervisorLeft(name, tookOver);
        }
    }

    /** The caller's call ended: hang up the supervisor's phone. */
    void callEnded() {
        CallLeg leg = phone;
        leaveConference();
        if (leg != null && leg.state() != CallState.ENDED) {
            leg.hangup();
        }
    }

    private void leaveConference() {
        if (conference != null) {
            conference.close();
            conference = null;
            if (agent != null && agent.state() != CallState.ENDED && caller.state() != CallState.ENDED) {
                caller.forwardAudioTo(agent);
                agent.forwardAudioTo(caller);
            }
        }
        joined = false;
    }
}
