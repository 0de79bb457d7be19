package dev.candor.app.http;

import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.call.CallSessions;
import dev.candor.app.auth.Principal;
import dev.candor.app.auth.Role;
import dev.candor.app.auth.Sessions;
import dev.candor.app.live.LiveCalls;
import dev.candor.app.metrics.LatencyMetrics;
import dev.candor.app.recording.RecordingLibrary;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.UserStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.lead.LeadImport;
import dev.candor.app.privacy.DataSubjects;
import dev.candor.handoff.AgentDirectory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The console and REST API. Every route names the least role it needs; a route that names none needs
 * a logged-in user (deny by default). Cookie sessions must echo their CSRF token on every change.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Javalin javalin;

    /** What the console reads and changes. */
    public record Dependencies(CallStore calls, CallbackStore callbacks, UserStore users, LiveCalls live,
                               AgentDirectory agents, CallSessions sessions, LatencyMetrics metrics, Clock clock,
                               RecordingLibrary recordings, LeadStore leads, CampaignStore campaigns,
                               LeadImport leadImport, TrunkView trunk, Optional<DataSubjects> subjects,
                               Optional<String> notDialling) {
        /**
         * @param notDialling why this node does not dial running campaigns (no {@code campaigns.dial-uri},
         *     or {@code campaigns.enabled} false), shown with each running campaign; empty when it dials
         */
        public Dependencies {
            Objects.requireNonNull(subjects, "subjects");
            Objects.requireNonNull(notDialling, "notDialling");
            Objects.requireNonNull(leads, "leads");
            Objects.requireNonNull(campaigns, "campaigns");
            Objects.requireNonNull(leadImport, "leadImport");
            Objects.requireNonNull(trunk, "trunk");
            Objects.requireNonNull(recordings, "recordings");
            Objects.requireNonNull(calls, "calls");
            Objects.requireNonNull(callbacks, "callbacks");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(agents, "agents");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(clock, "clock");
        }

        /** A node that dials running campaigns. */
        public Dependencies(CallStore calls, CallbackStore callbacks, UserStore users, LiveCalls live,
                            AgentDirectory agents, CallSessions sessions, LatencyMetrics metrics, Clock clock,
                            RecordingLibrary recordings, LeadStore leads, CampaignStore campaigns,
                            LeadImport leadImport, TrunkView trunk, Optional<DataSubjects> subjects) {
            this(calls, callbacks, users, live, agents, sessions, metrics, clock, recordings, leads, campaigns,
                    leadImport, trunk, subjects, Optional.empty());
        }

        /** Without export and erasure of phone numbers. */
        public Dependencies(CallStore calls, CallbackStore callbacks, UserStore users, LiveCalls live,
                            AgentDirectory agents, CallSessions sessions, LatencyMetrics metrics, Clock clock,
                            RecordingLibrary recordings, LeadStore leads, CampaignStore campaigns,
                            LeadImport leadImport, TrunkView trunk) {
            this(calls, callbacks, users, live, agents, sessions, metrics, clock, recordings, leads, campaigns,
                    leadImport, trunk, Optional.empty());
        }

        /** Without a trunk registration. */
        public Dependencies(CallStore calls, CallbackStore callbacks, UserStore users, LiveCalls live,
                            AgentDirectory agents, CallSessions sessions, LatencyMetrics metrics, Clock clock,
                            RecordingLibrary recordings, LeadStore leads, CampaignStore campaigns,
                            LeadImport leadImport) {
            this(calls, callbacks, users, live, agents, sessions, metrics, clock, recordings, leads, campaigns,
                    leadImport, TrunkView.NONE);
        }
    }

    private ConsoleServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one). */
    public static ConsoleServer start(String host, int port, Dependencies deps) {
        Sessions sessions = new Sessions(deps.clock(), Duration.ofHours(8));
        Authenticator auth = new Authenticator(deps.users(), sessions, new PasswordHasher(), deps.clock());
        ApiRoutes api = new ApiRoutes(deps, auth);
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = 64 * 1024;
            config.routes.beforeMatched(ctx -> authorise(ctx, auth));
            config.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
            config.routes.exception(com.fasterxml.jackson.core.JsonProcessingException.class,
                    (e, ctx) -> ctx.status(400).json(Map.of("error", "the body is not valid JSON")));
            config.routes.exception(IllegalArgumentException.class,
                    (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("console request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal error"));
            });
            api.register(config.routes);
        });
        javalin.start();
        log.info("console and API on http://{}:{}/", host, javalin.port());
        return new ConsoleServer(javalin);
    }

    public int port() {
        return javalin.port();
    }

    /** Deny by default: a route without roles needs a logged-in agent at least. */
    private static void authorise(Context ctx, Authenticator auth) {
        Set<io.javalin.security.RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        Role least = roles.stream().filter(Access.class::isInstance).map(r -> ((Access) r).least())
                .findFirst().orElse(Role.AGENT);
        Authenticator.Caller caller = auth.identify(ctx)
                .orElseThrow(() -> new ApiError(401, "log in first (session cookie or Authorization: Bearer token)"));
        Principal principal = caller.principal();
        if (!principal.role().atLeast(least)) {
            throw new ApiError(403, "this needs the " + least.code() + " role; you are " + principal.role().code());
        }
        if (caller.session().isPresent() && !SAFE.contains(ctx.method())) {
            String sent = ctx.header(Authenticator.CSRF_HEADER);
            if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(),
                    caller.session().get().csrfToken().getBytes())) {
                throw new ApiError(403, "missing or wrong " + Authenticator.CSRF_HEADER + " header");
            }
        }
        ctx.attribute(ApiRoutes.PRINCIPAL, principal);
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
