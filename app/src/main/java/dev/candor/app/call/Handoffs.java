package dev.candor.app.call;

import dev.candor.handoff.AgentTarget;
import dev.candor.handoff.AgentDirectory;
import dev.candor.telephony.call.SipEndpoint;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
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
 * @param skills handoff reason code to the skill an agent needs to take such a caller
 */
public record Handoffs(SipEndpoint endpoint, AgentDirectory agents, Duration answerTimeout, Duration maxWait,
                       Duration positionInterval, ZoneId zone, Map<String, String> coldTransfer,
                       Map<String, String> skills) {
    public Handoffs {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(positionInterval, "positionInterval");
        Objects.requireNonNull(zone, "zone");
        coldTransfer = Map.copyOf(Objects.requireNonNull(coldTransfer, "coldTransfer"));
        skills = Map.copyOf(Objects.requireNonNull(skills, "skills"));
    }

    /**
     * The skill an agent needs to take a caller handed off for {@code reasonCode}: the configured one
     * when some agent of the team has it; otherwise none, so the caller is never left waiting for an
     * agent who does not exist.
     */
    public Optional<String> skillFor(String reasonCode) {
        return Optional.ofNullable(skills.get(reasonCode))
                .filter(skill -> agents.all().stream().anyMatch(a -> a.skills().contains(skill)));
    }

    /** Available agents who can take a caller handed off for {@code reasonCode}, longest idle first. */
    public List<AgentTarget> candidates(String reasonCode) {
        return agents.candidates(skillFor(reasonCode));
    }

    /** The URI a caller handed off for {@code reasonCode} is transferred to by REFER, if one is configured. */
    public Optional<String> coldTransferTarget(String reasonCode) {
        return Optional.ofNullable(coldTransfer.get(reasonCode));
    }
}
