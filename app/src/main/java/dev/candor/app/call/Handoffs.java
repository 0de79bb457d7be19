package dev.candor.app.call;

import dev.candor.handoff.AgentDirectory;
import dev.candor.telephony.call.SipEndpoint;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a call session needs to hand a caller to a person.
 *
 * @param answerTimeout how long each agent's phone rings
 * @param maxWait how long a caller waits in line before being offered a callback
 * @param positionInterval how often a waiting caller hears their position
 * @param zone the time zone callback times are meant in ("tomorrow morning")
 */
public record Handoffs(SipEndpoint endpoint, AgentDirectory agents, Duration answerTimeout, Duration maxWait,
                       Duration positionInterval, ZoneId zone) {
    public Handoffs {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(positionInterval, "positionInterval");
        Objects.requireNonNull(zone, "zone");
    }
}
