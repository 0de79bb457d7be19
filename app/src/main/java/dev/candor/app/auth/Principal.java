package dev.candor.app.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is making a request.
 *
 * @param name the user or token name, for the audit log
 * @param role what they may do
 * @param agentName for agents, the configured agent they are (whose calls they may see)
 */
public record Principal(String name, Role role, Optional<String> agentName) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agentName, "agentName");
    }

    /** True when this principal may see or act on a call handled by {@code callAgent} (empty: Candor). */
    public boolean maySee(Optional<String> callAgent) {
        if (role.atLeast(Role.SUPERVISOR)) {
            return true;
        }
        return agentName.isPresent() && agentName.equals(callAgent);
    }
}
