package dev.candor.app.call;

import dev.candor.handoff.AgentTarget;
import dev.candor.telephony.call.SipEndpoint;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a call session needs to hand a caller to a person. */
public record Handoffs(SipEndpoint endpoint, List<AgentTarget> agents, Duration answerTimeout) {
    public Handoffs {
        Objects.requireNonNull(endpoint, "endpoint");
        agents = List.copyOf(agents);
        Objects.requireNonNull(answerTimeout, "answerTimeout");
    }
}
