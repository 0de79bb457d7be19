package dev.candor.app.call;

import dev.candor.handoff.AgentDirectory;
import dev.candor.telephony.call.SipEndpoint;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * What a call session needs to hand a caller to a person.
 *
 * @param answerTimeout how long each agent's phone rings
 * @param maxWait how long a caller waits in line before being offered a callback
 * @param positionInterval how often a waiting caller hears their position
 * @param zone the time zone callback times are meant in ("tomorrow morning")
 * @param coldTransfer handoff reason code to the external SIP URI such callers are transferred to by REFER
 */
public record Handoffs(SipEndpoint endpoint, AgentDirectory agents, Duration answerTimeout, Duration maxWait,
                       Duration positionInterval, ZoneId zone, Map<String, String> coldTransfer) {
    public Handoffs {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(positionInterval, "positionInterval");
        Objects.requireNonNull(zone, "zone");
        coldTransfer = Map.copyOf(Objects.requireNonNull(coldTransfer, "coldTransfer"));
    }

    /** The URI a caller handed off for {@code reasonCode} is transferred to by REFER, if one is configured. */
    public Optional<String> coldTransferTarget(String reasonCode) {
        return Optional.ofNullable(coldTransfer.get(reasonCode));
    }
}
