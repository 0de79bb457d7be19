package dev.candor.app.call;

import dev.candor.handoff.AgentDirectory;
import dev.candor.telephony.call.SipEndpoint;

import java.time.Duration;
import java.util.Objects;

/** What a call session needs to hand a caller to a person: the phone, the team and how long to ring. */
public record Handoffs(SipEndpoint endpoint, AgentDirectory agents, Duration answerTimeout) {
    public Handoffs {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
    }
}
