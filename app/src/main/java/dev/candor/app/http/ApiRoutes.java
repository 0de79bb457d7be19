package dev.candor.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.auth.Principal;
import dev.candor.app.auth.Sessions;
import dev.candor.app.call.CallSession;
import dev.candor.app.call.SupervisionMode;
import dev.candor.app.storage.UserStore;
import dev.candor.app.live.LiveCall;
import dev.candor.app.live.LiveCalls;
import dev.candor.app.recording.RecordingFormatException;
import dev.candor.app.recording.RecordingLibrary;
import dev.candor.app.storage.CallRow;
import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.DecisionRow;
import dev.candor.app.storage.TurnRow;
import dev.candor.handoff.AgentDirectory;
import dev.candor.handoff.Availability;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routes: thin handlers that authorise per call and shape JSON. */
final class ApiRoutes {
    static final String PRINCIPAL = "candor.principal";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleServer.Dependencies deps;
    private final Authenticator auth;

    private final CampaignRoutes campaigns;
    private final SubjectRoutes subjects;

    ApiRoutes(ConsoleServer.Dependencies deps, Authenticator auth) {
        this.deps = deps;
        this.auth = auth;
        this.campaigns = new CampaignRoutes(deps);
        this.subjects = new SubjectRoutes(deps);
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/console/"), Access.PUBLIC);
        routes.get("/console/", ctx -> resource(ctx, "index.html", "text/html; charset=utf-8"), Access.PUBLIC);
        routes.get("/console/console.js", ctx -> resource(ctx, "console.js", "text/javascript"), Access.PUBLIC);
        routes.get("/console/console.css", ctx -> resource(ctx, "console.css", "text/css"), Access.PUBLIC);
        routes.get("/api/openapi.json", ctx -> resource(ctx, "openapi.json", "application/json"), Access.PUBLIC);
        routes.post("/api/login", this::login, Access.PUBLIC);
        routes.post("/api/logout", this::logout, Access.AGENT);
        routes.get("/api/session", this::session, Access.AGENT);
        routes.get("/api/calls/live", this::liveCalls, Access.AGENT);
        routes.get("/api/calls", this::history, Access.AGENT);
        routes.get("/api/calls/{id}", this::call, Access.AGENT);
        routes.get("/api/calls/{id}/recording", this::recording, Access.AGENT);
        routes.get("/api/agents", this::agents, Access.AGENT);
        routes.put("/api/agents/{name}/availability", this::setAvailability, Access.AGENT);
        routes.get("/api/callbacks", this::callbacks, Access.SUPERVISOR);
        routes.post("/api/calls/{id}/supervision", this::supervise, Access.SUPERVISOR);
        routes.sse("/api/events", this::events, Access.AGENT);
        routes.get("/api/metrics", this::metrics, Access.SUPERVISOR);
        routes.get("/api/leads", campaigns::leads, Access.SUPERVISOR);
        routes.post("/api/leads", campaigns::importLeads, Access.SUPERVISOR);
        routes.delete("/api/leads/{id}", campaigns::deleteLead, Access.SUPERVISOR);
        routes.get("/api/campaigns", campaigns::campaigns, Access.SUPERVISOR);
        routes.post("/api/campaigns", campaigns::createCampaign, Access.SUPERVISOR);
        routes.get("/api/campaigns/{id}", campaigns::campaign, Access.SUPERVISOR);
        routes.post("/api/campaigns/{id}/start", campaigns::start, Access.SUPERVISOR);
        routes.post("/api/campaigns/{id}/pause", campaigns::pause, Access.SUPERVISOR);
        routes.get("/api/subjects/{phone}/export", subjects::export, Access.SUPERVISOR);
        routes.delete("/api/subjects/{phone}", subjects::erase, Access.SUPERVISOR);
        routes.get("/api/trunk", ctx -> ctx.json(deps.trunk().json(deps.clock().instant())), Access.SUPERVISOR);
    }

    /** Prometheus text format: reply latency by step, and calls in progress. */
    private void metrics(Context ctx) {
        String body = deps.metrics().prometheus()
                + "# HELP candor_calls_active Calls in progress.\n# TYPE candor_calls_active gauge\n"
                + "candor_calls_active " + deps.live().snapshot().size() + "\n";
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(body);
    }

    private static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    private void login(Context ctx) throws IOException {
        JsonNode body = JSON.readTree(ctx.body());
        String username = text(body, "username");
        Optional<Sessions.Session> session = auth.login(ctx.ip(), username, text(body, "password"));
        if (session.isEmpty()) {
            throw new ApiError(401, "wrong user name or password");
        }
        Sessions.Session s = session.get();
        ctx.header("Set-Cookie", Authenticator.COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict");
        deps.users().audit(s.principal().name(), "login", null, "from " + ctx.ip(), deps.clock().instant());
        ctx.json(sessionJson(s.principal(), s.csrfToken()));
    }

    private void logout(Context ctx) {
        auth.logout(ctx);
        ctx.header("Set-Cookie", Authenticator.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.json(Map.of("ok", true));
    }

    private void session(Context ctx) {
        String csrf = auth.identify(ctx).flatMap(Authenticator.Caller::session).map(Sessions.Session::csrfToken)
                .orElse("");
        ctx.json(sessionJson(principal(ctx), csrf));
    }

    private static Map<String, Object> sessionJson(Principal p, String csrf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", p.name());
        m.put("role", p.role().code());
        m.put("agent", p.agentName().orElse(null));
        m.put("csrf", csrf);
        return m;
    }

    private void liveCalls(Context ctx) {
        Principal p = principal(ctx);
        ctx.json(deps.live().snapshot().stream().filter(c -> p.maySee(c.agent())).map(ApiRoutes::liveJson).toList());
    }

    static Map<String, Object> liveJson(LiveCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("caller", c.caller());
        m.put("startedAt", c.startedAt().toString());
        m.put("status", c.status());
        m.put("agent", c.agent().orElse(null));
        m.put("handoffReason", c.handoffReason().orElse(null));
        m.put("summary", c.summary().orElse(null));
        m.put("transcript", c.transcript().stream().map(l -> Map.of("speaker", l.speaker(), "text", l.text(),
                "at", l.at().toString())).toList());
        return m;
    }

    private void history(Context ctx) {
        Principal p = principal(ctx);
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> calls = deps.calls().recentCalls(limit).stream()
                .filter(c -> p.maySee(agentOf(c.id())))
                .map(c -> callJson(c, agentOf(c.id()))).toList();
        ctx.json(calls);
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 50;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("invalid limit: " + raw + " (expected 1-500)");
    }

    private void call(Context ctx) {
        String id = ctx.pathParam("id");
        CallRow row = deps.calls().findCall(id).orElseThrow(() -> new ApiError(404, "no call " + id));
        Optional<String> agent = agentOf(id);
        if (!principal(ctx).maySee(agent)) {
            throw new ApiError(403, "this call is not yours");
        }
        Map<String, Object> m = callJson(row, agent);
        m.put("turns", deps.calls().turns(id).stream().map(ApiRoutes::turnJson).toList());
        m.put("decisions", deps.calls().decisions(id).stream().map(ApiRoutes::decisionJson).toList());
        deps.live().find(id).ifPresent(l -> m.put("status", l.status()));
        m.put("recording", deps.recordings().find(id).map(ApiRoutes::recordingJson).orElse(null));
        m.put("audio", audioJson(deps.calls().mediaQuality(id)));
        ctx.json(m);
    }

    /** RTCP as reported by the caller's side, and what Candor measured of the caller's audio. */
    private static Map<String, Object> audioJson(dev.candor.app.storage.MediaQuality q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callerReports", q.remoteReports());
        m.put("callerFractionLost", q.remoteFractionLost().orElse(null));
        m.put("callerCumulativeLost", q.remoteCumulativeLost().orElse(null));
        m.put("callerJitterMillis", q.remoteJitterMillis().orElse(null));
        m.put("receivedPackets", q.receivedPackets().orElse(null));
        m.put("receivedLost", q.receivedLost().orElse(null));
        m.put("receivedJitterMillis", q.receivedJitterMillis().orElse(null));
        return m;
    }

    private static Map<String, Object> recordingJson(RecordingStore.RecordingRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status());
        m.put("startedAt", r.startedAt().toString());
        m.put("endedAt", r.endedAt().map(Object::toString).orElse(null));
        m.put("durationMillis", r.durationMillis().orElse(null));
        m.put("url", "/api/calls/" + r.callId() + "/recording");
        return m;
    }

    /**
     * The call's recording, decrypted, as audio/wav: the same access rules as the call itself, and every
     * playback is audited.
     */
    private void recording(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        deps.calls().findCall(id).orElseThrow(() -> new ApiError(404, "no call " + id));
        Principal p = principal(ctx);
        if (!p.maySee(agentOf(id))) {
            throw new ApiError(403, "this call is not yours");
        }
        RecordingStore.RecordingRow row = deps.recordings().find(id)
                .orElseThrow(() -> new ApiError(404, "call " + id + " has no recording"));
        RecordingLibrary.Playable playable;
        try {
            playable = deps.recordings().open(row);
        } catch (IllegalStateException e) {
            throw new ApiError(503, e.getMessage());
        } catch (RecordingFormatException e) {
            log.error("call {}: recording {} cannot be played: {}", id, row.id(), e.getMessage());
            throw new ApiError(409, "the recording cannot be decrypted: " + e.getMessage());
        }
        deps.users().audit(p.name(), "play_recording", id, "recording " + row.id(), deps.clock().instant());
        ctx.contentType("audio/wav").header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                .header("Content-Length", String.valueOf(playable.length()));
        ctx.result(playable.wav());
    }

    /** The agent a call was bridged to: from the live view, else from its stored decisions. */
    private Optional<String> agentOf(String callId) {
        Optional<String> live = deps.live().find(callId).flatMap(LiveCall::agent);
        if (live.isPresent()) {
            return live;
        }
        for (DecisionRow d : deps.calls().decisions(callId)) {
            if (d.kind().equals("agent_connected")) {
                try {
                    JsonNode agent = JSON.readTree(d.detailsJson()).get("agent");
                    if (agent != null) {
                        return Optional.of(agent.asText());
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> callJson(CallRow c, Optional<String> agent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("direction", c.direction().dbValue());
        m.put("from", dev.candor.app.call.Redaction.uri(c.fromUri()));
        m.put("to", c.toUri());
        m.put("startedAt", c.startedAt().toString());
        m.put("answeredAt", c.answeredAt().map(Object::toString).orElse(null));
        m.put("endedAt", c.endedAt().map(Object::toString).orElse(null));
        m.put("endReason", c.endReason().orElse(null));
        m.put("agent", agent.orElse(null));
        return m;
    }

    private static Map<String, Object> turnJson(TurnRow t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("speaker", t.speaker().dbValue());
        m.put("text", t.text());
        m.put("startedAt", t.startedAt().toString());
        m.put("endedAt", t.endedAt().map(Object::toString).orElse(null));
        m.put("interrupted", t.interrupted());
        return m;
    }

    private static Map<String, Object> decisionJson(DecisionRow d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind());
        m.put("reason", d.reason());
        try {
            m.put("details", JSON.readTree(d.detailsJson()));
        } catch (IOException e) {
            m.put("details", d.detailsJson());
        }
        m.put("at", d.decidedAt().toString());
        return m;
    }

    private void agents(Context ctx) {
        ctx.json(deps.agents().all().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("skills", a.skills().stream().sorted().toList());
            m.put("availability", a.availability().code());
            m.put("since", a.since().toString());
            return m;
        }).toList());
    }

    private void setAvailability(Context ctx) throws IOException {
        Principal p = principal(ctx);
        String name = ctx.pathParam("name");
        if (!p.role().atLeast(dev.candor.app.auth.Role.SUPERVISOR) && !p.agentName().equals(Optional.of(name))) {
            throw new ApiError(403, "agents may set only their own availability");
        }
        if (deps.agents().find(name).isEmpty()) {
            throw new ApiError(404, "no agent " + name);
        }
        Availability availability = Availability.parse(text(JSON.readTree(ctx.body()), "availability"));
        deps.agents().set(name, availability);
        deps.users().audit(p.name(), "set_availability", name, availability.code(), deps.clock().instant());
        ctx.json(Map.of("name", name, "availability", availability.code()));
    }

    /**
     * Listen, whisper, barge in or take over: the first request calls the supervisor's phone (from
     * their user record, or {@code phone} in the body for API tokens), later ones switch the mix.
     */
    private void supervise(Context ctx) throws IOException {
        Principal p = principal(ctx);
        String id = ctx.pathParam("id");
        JsonNode body = JSON.readTree(ctx.body());
        SupervisionMode mode = SupervisionMode.parse(text(body, "mode"));
        Optional<String> phone = Optional.ofNullable(body.get("phone")).map(JsonNode::asText)
                .or(() -> deps.users().findUser(p.name()).flatMap(UserStore.UserRow::phoneUri));
        if (phone.isEmpty()) {
            throw new ApiError(409, "no phone to call: set one with 'candor user add " + p.name()
                    + " --phone sip:...' or send \"phone\" in the request");
        }
        CallSession session = deps.sessions().find(id).orElseThrow(() -> new ApiError(404, "no live call " + id));
        String result;
        try {
            result = session.supervise(p.name(), phone.get(), mode);
        } catch (IllegalStateException e) {
            throw new ApiError(409, e.getMessage());
        }
        deps.users().audit(p.name(), "supervise", id, mode.code(), deps.clock().instant());
        ctx.status(result.equals("dialing") ? 202 : 200).json(Map.of("callId", id, "mode", mode.code(),
                "status", result));
    }

    private void callbacks(Context ctx) {
        ctx.json(deps.callbacks().pending(200).stream().map(ApiRoutes::callbackJson).toList());
    }

    private static Map<String, Object> callbackJson(CallbackStore.CallbackRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("callId", c.callId().orElse(null));
        m.put("phone", dev.candor.app.call.Redaction.uri(c.phoneUri()));
        m.put("dueAt", c.dueAt().toString());
        m.put("note", c.note());
        m.put("status", c.status());
        return m;
    }

    /** Server-sent events: every live event the caller may see, as JSON, until they disconnect. */
    private void events(SseClient client) {
        Principal p = client.ctx().attribute(PRINCIPAL);
        LiveCalls.Subscription subscription = deps.live().subscribe(event -> {
            if (!client.terminated() && p.maySee(event.agent())) {
                Map<String, Object> m = new LinkedHashMap<>(event.data());
                m.put("callId", event.callId());
                m.put("at", event.at().toString());
                client.sendEvent(event.type(), toJson(m));
            }
        });
        client.onClose(subscription::close);
        client.sendComment("subscribed");
        client.keepAlive();
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write event JSON", e);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("missing field: " + field + " (expected a string)");
        }
        return node.asText();
    }

    private static void resource(Context ctx, String name, String contentType) throws IOException {
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new ApiError(404, "no such file");
            }
            ctx.contentType(contentType).header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                    .result(in.readAllBytes());
        }
    }
}
