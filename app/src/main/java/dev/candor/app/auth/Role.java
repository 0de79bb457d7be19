package dev.candor.app.auth;

import java.util.Locale;

/** What a console or API user may do. Each role can do everything the roles before it can. */
public enum Role {
    /** Sees and handles only their own calls; sets their own availability. */
    AGENT,
    /** Sees every call, supervises calls, manages agents' availability. */
    SUPERVISOR,
    /** Everything, including users and tokens. */
    ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.code().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("invalid role: " + text + " (expected agent, supervisor or admin)");
    }
}
