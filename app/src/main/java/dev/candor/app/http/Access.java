package dev.candor.app.http;

import dev.candor.app.auth.Role;
import io.javalin.security.RouteRole;

/** The least role a route needs; attached to routes and checked before they run. */
enum Access implements RouteRole {
    PUBLIC(null), AGENT(Role.AGENT), SUPERVISOR(Role.SUPERVISOR), ADMIN(Role.ADMIN);

    private final Role least;

    Access(Role least) {
        this.least = least;
    }

    Role least() {
        return least;
    }
}
