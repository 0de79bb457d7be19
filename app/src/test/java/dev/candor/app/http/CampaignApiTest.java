package dev.candor.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.call.CallSessions;
import dev.candor.app.lead.LeadImport;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.live.LiveCalls;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.UserStore;
import dev.candor.handoff.AgentDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/leads and /api/campaigns on a real server and SQLite file. */
class CampaignApiTest {
    private static final String SUPERVISOR = "cnd_test_supervisor";
    private static final String AGENT = "cnd_test_agent";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Database db;
    private ConsoleServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        db = Database.open(tmp);
        UserStore users = new UserStore(db);
        users.saveToken(SUPERVISOR, "sup", "supervisor", Optional.empty(), Instant.now());
        users.saveToken(AGENT, "agent", "agent", Optional.of("Alice"), Instant.now());
        server = ConsoleServer.start("127.0.0.1", 0, new ConsoleServer.Dependencies(new CallStore(db),
                new CallbackStore(db), users, new LiveCalls(), new AgentDirectory(List.of(), Duration.ofSeconds(1),
                Clock.systemUTC()), new CallSessions(), new dev.candor.app.metrics.LatencyMetrics(), Clock.systemUTC(),
                dev.candor.app.recording.RecordingLibrary.NONE, new LeadStore(db), new CampaignStore(db),
                new LeadImport(new PhoneNumbers("1"), ZoneId.of("UTC"))));
        new PasswordHasher();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void leadsAreImportedAsCsvOrJsonListedAndErased() throws Exception {
        HttpResponse<String> csv = send("POST", "/api/leads", "text/csv",
                "phone,name,vip,gender\n555-555-0142,Dana Reyes,yes,female\nbad,X,,\n", SUPERVISOR);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(JSON.readTree(csv.body()).get("saved").asInt()).isEqualTo(1);
        assertThat(csv.body()).contains("row 3");
        HttpResponse<String> json = send("POST", "/api/leads", "application/json",
                "[{\"phone\":\"+15555550199\",\"name\":\"Sam \\\"the\\\" Lee\",\"company\":\"Lee, Inc\"}]", SUPERVISOR);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);

        JsonNode list = JSON.readTree(send("GET", "/api/leads", null, null, SUPERVISOR).body());
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("leads").get(0).get("phone").asText()).isEqualTo("+15555550142");
        assertThat(list.get("leads").get(0).get("vip").asBoolean()).isTrue();
        assertThat(list.get("leads").get(0).get("attributes").get("gender").asText()).isEqualTo("female");
        assertThat(list.get("leads").get(1).get("name").asText()).isEqualTo("Sam \"the\" Lee");
        assertThat(list.get("leads").get(1).get("company").asText()).isEqualTo("Lee, Inc");

        long id = list.get("leads").get(0).get("id").asLong();
        assertThat(send("DELETE", "/api/leads/" + id, null, null, SUPERVISOR).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/leads/" + id, null, null, SUPERVISOR).statusCode()).isEqualTo(404);
        assertThat(new LeadStore(db).findByPhone("+15555550142")).isEmpty();
        assertThat(new UserStore(db).toString()).isNotNull();
    }

    @Test
    void aCampaignIsCreatedStartedPausedAndShowsItsProgress() throws Exception {
        HttpResponse<String> created = send("POST", "/api/campaigns", "application/json",
                "{\"name\":\"spring\",\"callingHours\":\"10:00-16:00\",\"days\":\"mon-fri\",\"maxConcurrentCalls\":2,"
                        + "\"maxCallsPerMinute\":5,\"maxAttempts\":4,\"retryDelaySeconds\":600,"
                        + "\"leadsCsv\":\"phone,name\\n+15555550142,Dana\\n+15555550143,Sam\\n\"}", SUPERVISOR);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode campaign = JSON.readTree(created.body());
        long id = campaign.get("id").asLong();
        assertThat(campaign.get("status").asText()).isEqualTo("draft");
        assertThat(campaign.get("progress").get("leads").get("pending").asInt()).isEqualTo(2);

        assertThat(send("POST", "/api/campaigns/" + id + "/pause", null, null, SUPERVISOR).statusCode()).isEqualTo(409);
        HttpResponse<String> started = send("POST", "/api/campaigns/" + id + "/start", null, null, SUPERVISOR);
        assertThat(JSON.readTree(started.body()).get("status").asText()).isEqualTo("running");
        assertThat(send("POST", "/api/campaigns/" + id + "/pause", null, null, SUPERVISOR).statusCode()).isEqualTo(200);
        JsonNode shown = JSON.readTree(send("GET", "/api/campaigns/" + id, null, null, SUPERVISOR).body());
        assertThat(shown.get("status").asText()).isEqualTo("paused");
        assertThat(shown.get("callingHours").asText()).isEqualTo("10:00-16:00");
        assertThat(shown.get("maxAttempts").asInt()).isEqualTo(4);
        assertThat(send("GET", "/api/campaigns", null, null, SUPERVISOR).body()).contains("\"spring\"");
        assertThat(send("GET", "/api/campaigns/999", null, null, SUPERVISOR).statusCode()).isEqualTo(404);
    }

    @Test
    void badCampaignsAreRefusedNamingTheProblem() throws Exception {
        HttpResponse<String> r = send("POST", "/api/campaigns", "application/json",
                "{\"name\":\"x\",\"callingHours\":\"17:00-09:00\"}", SUPERVISOR);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("17:00-09:00");
        r = send("POST", "/api/campaigns", "application/json", "{\"name\":\"x\",\"maxAttempts\":0}", SUPERVISOR);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("maxAttempts: 0");
    }

    @Test
    void agentsMayNotTouchLeadsOrCampaigns() throws Exception {
        for (String[] route : new String[][] {{"GET", "/api/leads"}, {"POST", "/api/leads"}, {"DELETE", "/api/leads/1"},
                {"GET", "/api/campaigns"}, {"POST", "/api/campaigns"}, {"GET", "/api/campaigns/1"},
                {"POST", "/api/campaigns/1/start"}, {"POST", "/api/campaigns/1/pause"}}) {
            assertThat(send(route[0], route[1], "application/json", "{}", AGENT).statusCode()).as(route[1]).isEqualTo(403);
            assertThat(send(route[0], route[1], "application/json", "{}", "wrong").statusCode()).as(route[1]).isEqualTo(401);
        }
    }
}
