package dev.candor.handoff;

import java.util.Objects;

/** A human agent Candor can call: a name for people and a SIP URI for the phone. */
public record AgentTarget(String name, String uri) {
    public AgentTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("sip:") && !uri.startsWith("sips:")) {
            throw new IllegalArgumentException("invalid agent URI: " + uri + " (expected a sip: or sips: URI)");
        }
    }
}
