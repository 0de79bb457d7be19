package dev.candor.app.http;

import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.call.CallSessions;
import dev.candor.app.live.LiveCalls;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.UserStore;
import dev.candor.handoff.AgentDirectory;
import dev.candor.handoff.Availability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Authorisation of every route, against a real server on a free port and a real SQLite file. */
class ConsoleApiTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;

    private Database db;
    private ConsoleServer.Dependencies deps;
    private ConsoleServer server;
    private LiveCalls live;
    private AgentDirectory agents;
    private CallbackStore callbacks;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String apiToken;

    @BeforeEach
    void start() {
        db = Database.open(tmp.resolve("data"));
        CallStore calls = new CallStore(db);
        UserStore users = new UserStore(db);
        PasswordHasher hasher = new PasswordHasher();
        Instant now = Instant.now();
        users.saveUser("sam", hasher.hash(PASSWORD.toCharArray()), "supervisor", Optional.empty(), now);
        users.saveUser("alice", hasher.hash(PASSWORD.toCharArray()), "agent", Optional.of("Alice"), now);
        users.saveUser("bob", hasher.hash(PASSWORD.toCharArray()), "agent", Optional.of("Bob"), now);
        apiToken = "cnd_test_token_for_sam";
        users.saveToken(apiToken, "ci", "supervisor", Optional.empty(), now);
        for (String agent : List.of("Alice", "Bob")) {
            String id = "call-" + agent.toLowerCase();
            calls.createCall(new CallRecord(id, Direction.INBOUND, "sip:+15550001111@x", "sip:candor@y", id, now));
            calls.addDecision(id, "agent_connected", "answered", Map.of("agent", agent), now);
        }
        callbacks = new CallbackStore(db);
        callbacks.add(Optional.of("call-alice"), "sip:+15550001111@x", now.plusSeconds(3600), "after 3pm", now);
        live = new LiveCalls();
        agents = new AgentDirectory(List.of(
                new AgentDirectory.AgentProfile("Alice", "sip:alice@127.0.0.1:5070", Set.of("sales")),
                new AgentDirectory.AgentProfile("Bob", "sip:bob@127.0.0.1:5072", Set.of("sales"))),
                Duration.ofSeconds(30), Clock.systemUTC());
        deps = new ConsoleServer.Dependencies(calls, callbacks, users, live, agents, new CallSessions(),
                new dev.candor.app.metrics.LatencyMetrics(), Clock.systemUTC(), dev.candor.app.recording.RecordingLibrary.NONE,
                new dev.candor.app.storage.LeadStore(db), new dev.candor.app.storage.CampaignStore(db),
                new dev.candor.app.lead.LeadImport(new dev.candor.app.lead.PhoneNumbers("1"),
                        java.time.ZoneId.of("America/New_York")));
        server = ConsoleServer.start("127.0.0.1", 0, deps);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private record Session(String cookie, String csrf) {
    }

    private Session login(String user) throws Exception {
        HttpResponse<String> r = send("POST", "/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}",
                null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher csrf = Pattern.compile("\"csrf\":\"([^\"]+)\"").matcher(r.body());
        assertThat(csrf.find()).isTrue();
        return new Session(setCookie.substring(0, setCookie.indexOf(';')), csrf.group(1));
    }

    private HttpResponse<String> send(String method, String path, String body, Session session, String bearer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Cookie", session.cookie());
            if (session.csrf() != null) {
                b.header("X-CSRF-Token", session.csrf());
            }
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/session", "POST,/api/logout", "GET,/api/calls/live", "GET,/api/calls",
            "GET,/api/calls/call-alice", "GET,/api/agents", "PUT,/api/agents/Alice/availability",
            "GET,/api/callbacks", "GET,/api/events", "POST,/api/calls/call-alice/supervision", "GET,/api/trunk"})
    void everyApiRouteNeedsALogin(String method, String path) throws Exception {
        HttpResponse<String> r = send(method, path, method.equals("GET") ? null : "{}", null, null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("log in first");
    }

    @Test
    void everyApiRouteIsInTheOpenApiDocument() throws Exception {
        String source = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/main/java/dev/candor/app/http/ApiRoutes.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("routes\\.(?:get|post|put|delete|sse)\\(\"(/api/[^\"]*)\"").matcher(source);
        List<String> routes = new java.util.ArrayList<>();
        while (m.find()) {
            routes.add(m.group(1));
        }
        HttpResponse<String> r = send("GET", "/api/openapi.json", null, null, null);
        com.fasterxml.jackson.databind.JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.body()).get("paths");

        assertThat(routes).hasSizeGreaterThan(10);
        assertThat(routes).allSatisfy(route -> assertThat(paths.has(route)).as("documented: " + route).isTrue());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrong = send("POST", "/api/login", "{\"username\":\"sam\",\"password\":\"nope-nope-nope\"}", null, null);
        HttpResponse<String> unknown = send("POST", "/api/login", "{\"username\":\"zed\",\"password\":\"nope-nope-nope\"}", null, null);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> r = send("POST", "/api/login", "{\"username\":\"sam\",\"password\":\"" + PASSWORD + "\"}", null, null);

        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(r.body()).doesNotContain(PASSWORD);
    }

    @Test
    void repeatedFailedLoginsFromOneAddressAreSlowedDown() throws Exception {
        int last = 0;
        for (int i = 0; i < 11; i++) {
            last = send("POST", "/api/login", "{\"username\":\"sam\",\"password\":\"wrong-wrong-" + i + "\"}", null, null)
                    .statusCode();
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void agentsSeeOnlyTheirOwnCalls() throws Exception {
        Session alice = login("alice");

        assertThat(send("GET", "/api/calls/call-alice", null, alice, null).statusCode()).isEqualTo(200);
        HttpResponse<String> other = send("GET", "/api/calls/call-bob", null, alice, null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("+1555");
        String history = send("GET", "/api/calls", null, alice, null).body();
        assertThat(history).contains("call-alice").doesNotContain("call-bob");
    }

    @Test
    void supervisorsSeeEveryCallAndTheCallbacks() throws Exception {
        Session sam = login("sam");

        assertThat(send("GET", "/api/calls", null, sam, null).body()).contains("call-alice").contains("call-bob");
        HttpResponse<String> cb = send("GET", "/api/callbacks", null, sam, null);
        assertThat(cb.statusCode()).isEqualTo(200);
        assertThat(cb.body()).contains("after 3pm").doesNotContain("+15550001111");
    }

    @Test
    void agentsMayNotListCallbacks() throws Exception {
        HttpResponse<String> r = send("GET", "/api/callbacks", null, login("alice"), null);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("supervisor");
    }

    @Test
    void changesNeedTheCsrfTokenWhenLoggedInByCookie() throws Exception {
        Session alice = login("alice");
        Session withoutToken = new Session(alice.cookie(), null);

        HttpResponse<String> refused = send("PUT", "/api/agents/Alice/availability", "{\"availability\":\"away\"}",
                withoutToken, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(agents.find("Alice").orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);

        HttpResponse<String> accepted = send("PUT", "/api/agents/Alice/availability", "{\"availability\":\"away\"}",
                alice, null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(agents.find("Alice").orElseThrow().availability()).isEqualTo(Availability.AWAY);
    }

    @Test
    void supervisionIsForSupervisorsWithAPhoneOnALiveCall() throws Exception {
        assertThat(send("POST", "/api/calls/call-alice/supervision", "{\"mode\":\"listen\"}", login("alice"), null)
                .statusCode()).isEqualTo(403);
        Session sam = login("sam");
        HttpResponse<String> noPhone = send("POST", "/api/calls/call-alice/supervision", "{\"mode\":\"listen\"}",
                sam, null);
        assertThat(noPhone.statusCode()).isEqualTo(409);
        assertThat(noPhone.body()).contains("--phone");
        assertThat(send("POST", "/api/calls/call-alice/supervision",
                "{\"mode\":\"listen\",\"phone\":\"sip:sam@127.0.0.1:5090\"}", sam, null).statusCode())
                .as("not a live call").isEqualTo(404);
        assertThat(send("POST", "/api/calls/call-alice/supervision", "{\"mode\":\"shout\"}", sam, null).body())
                .contains("invalid mode: shout");
    }

    @Test
    void agentsMaySetOnlyTheirOwnAvailability() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/agents/Bob/availability", "{\"availability\":\"away\"}",
                login("alice"), null);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(agents.find("Bob").orElseThrow().availability()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void badInputGets400NamingTheProblem() throws Exception {
        Session sam = login("sam");

        assertThat(send("PUT", "/api/agents/Bob/availability", "{\"availability\":\"busy\"}", sam, null).body())
                .contains("invalid availability: busy");
        assertThat(send("PUT", "/api/agents/Bob/availability", "not json", sam, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/calls?limit=100000", null, sam, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/calls/nope", null, sam, null).statusCode()).isEqualTo(404);
    }

    @Test
    void apiTokensWorkWithoutCsrfAndBadTokensDoNot() throws Exception {
        assertThat(send("PUT", "/api/agents/Bob/availability", "{\"availability\":\"offline\"}", null, apiToken)
                .statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/agents", null, null, "cnd_wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        Session sam = login("sam");
        assertThat(send("POST", "/api/logout", null, sam, null).statusCode()).isEqualTo(200);

        assertThat(send("GET", "/api/session", null, sam, null).statusCode()).isEqualTo(401);
    }

    @Test
    void liveEventsReachOnlyThoseWhoMaySeeTheCall() throws Exception {
        List<String> samEvents = stream(login("sam"));
        List<String> bobEvents = stream(login("bob"));
        await().atMost(Duration.ofSeconds(5)).until(() -> samEvents.stream().anyMatch(l -> l.contains("subscribed"))
                && bobEvents.stream().anyMatch(l -> l.contains("subscribed")));

        live.started("c1", "sip:+15******11@x", Instant.now());
        live.status("c1", "with_agent", Optional.of("Alice"), Instant.now());
        live.turn("c1", "caller", "I need a quote for 40 seats", Instant.now());

        await().atMost(Duration.ofSeconds(5)).until(() -> samEvents.stream().anyMatch(l -> l.contains("40 seats")));
        assertThat(bobEvents).noneMatch(l -> l.contains("40 seats"));
    }

    @Test
    void withoutATrunkTheRegistrationIsUnregisteredAndNotConfigured() throws Exception {
        HttpResponse<String> r = send("GET", "/api/trunk", null, null, apiToken);

        assertThat(r.statusCode()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode trunk = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertThat(trunk.get("configured").asBoolean()).isFalse();
        assertThat(trunk.get("state").asText()).isEqualTo("unregistered");
        assertThat(trunk.get("registrar").isNull()).isTrue();
    }

    @Test
    void theTrunkRegistrationShowsStateRegistrarExpiryAndTheLastErrorWithItsTime() throws Exception {
        Instant now = Instant.now();
        java.util.concurrent.atomic.AtomicReference<dev.candor.telephony.sip.ua.TrunkRegistration.Status> status =
                new java.util.concurrent.atomic.AtomicReference<>(new dev.candor.telephony.sip.ua.TrunkRegistration.Status(
                        dev.candor.telephony.sip.ua.TrunkRegistration.State.FAILED, Optional.empty(),
                        Optional.of("403 Forbidden"), Optional.of(now.minusSeconds(7)), 3));
        TrunkView view = new TrunkView(Optional.of("sip:trunk.example.com;transport=tcp"), Optional.of("candor"), 3600,
                () -> Optional.of(status.get()));
        try (ConsoleServer withTrunk = ConsoleServer.start("127.0.0.1", 0, new ConsoleServer.Dependencies(deps.calls(),
                deps.callbacks(), deps.users(), deps.live(), deps.agents(), deps.sessions(), deps.metrics(), deps.clock(),
                deps.recordings(), deps.leads(), deps.campaigns(), deps.leadImport(), view))) {
            String url = "http://127.0.0.1:" + withTrunk.port() + "/api/trunk";
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

            com.fasterxml.jackson.databind.JsonNode failed = json.readTree(get(url, apiToken).body());
            assertThat(failed.get("configured").asBoolean()).isTrue();
            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.get("registrar").asText()).isEqualTo("sip:trunk.example.com;transport=tcp");
            assertThat(failed.get("user").asText()).isEqualTo("candor");
            assertThat(failed.get("requestedExpirySeconds").asLong()).isEqualTo(3600);
            assertThat(failed.get("lastError").asText()).isEqualTo("403 Forbidden");
            assertThat(Instant.parse(failed.get("lastErrorAt").asText())).isEqualTo(now.minusSeconds(7));
            assertThat(failed.get("consecutiveFailures").asInt()).isEqualTo(3);
            assertThat(failed.get("registeredUntil").isNull()).isTrue();

            status.set(new dev.candor.telephony.sip.ua.TrunkRegistration.Status(
                    dev.candor.telephony.sip.ua.TrunkRegistration.State.REGISTERED, Optional.of(now.plusSeconds(3000)),
                    Optional.empty(), Optional.empty(), 0));
            com.fasterxml.jackson.databind.JsonNode registered = json.readTree(get(url, apiToken).body());
            assertThat(registered.get("state").asText()).isEqualTo("registered");
            assertThat(Instant.parse(registered.get("registeredUntil").asText())).isEqualTo(now.plusSeconds(3000));
            assertThat(registered.get("expiresInSeconds").asLong()).isBetween(2900L, 3000L);
            assertThat(registered.get("lastError").isNull()).isTrue();
            assertThat(registered.get("lastErrorAt").isNull()).isTrue();

            deps.users().saveToken("cnd_test_token_for_alice", "alice-ci", "agent", Optional.of("Alice"), now);
            HttpResponse<String> agent = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer cnd_test_token_for_alice").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(agent.statusCode()).as("agents do not see the trunk").isEqualTo(403);
        }
    }

    @Test
    void theConsoleHasATrunkPanelFedByTheTrunkApi() throws Exception {
        String html = send("GET", "/console/", null, null, null).body();
        String js = send("GET", "/console/console.js", null, null, null).body();

        assertThat(html).contains("id=\"trunk-section\"");
        for (String field : List.of("state", "registrar", "user", "registeredUntil", "lastError")) {
            assertThat(html).contains("data-field=\"" + field + "\"");
        }
        assertThat(js).contains("api('GET', '/api/trunk')").contains("t.lastErrorAt").contains("t.expiresInSeconds");
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** Opens the SSE stream and collects its lines; the first line is an opening marker. */
    private List<String> stream(Session session) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/events"))
                .header("Cookie", session.cookie()).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        lines.add("(open)");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                lines.add("(closed)");
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
