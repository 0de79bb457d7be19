package dev.candor.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.call.CallSessions;
import dev.candor.app.lead.LeadImport;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.live.LiveCalls;
import dev.candor.app.metrics.LatencyMetrics;
import dev.candor.app.privacy.DataSubjects;
import dev.candor.app.privacy.TwoSubjects;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.recording.RecordingLibrary;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.DataSubjectStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.RecordingStore;
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
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/subjects/{phone}/export and DELETE /api/subjects/{phone} against a real server and SQLite file. */
class DataSubjectApiTest {
    private static final String SUPERVISOR = "cnd_test_token_for_sam";
    private static final String AGENT = "cnd_test_token_for_alice";

    @TempDir
    Path tmp;

    private Database db;
    private ConsoleServer server;
    private LiveCalls live;
    private TwoSubjects seeded;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(tmp.resolve("data"));
        MasterKey key = MasterKey.random(new SecureRandom());
        seeded = TwoSubjects.seed(db, tmp.resolve("data/recordings"), key);
        UserStore users = new UserStore(db);
        users.saveToken(SUPERVISOR, "ci", "supervisor", Optional.empty(), Instant.now());
        users.saveToken(AGENT, "alice-api", "agent", Optional.of("Alice"), Instant.now());
        live = new LiveCalls();
        PhoneNumbers numbers = new PhoneNumbers("1");
        server = ConsoleServer.start("127.0.0.1", 0, new ConsoleServer.Dependencies(new CallStore(db),
                new CallbackStore(db), users, live, new AgentDirectory(List.of(), Duration.ofSeconds(30),
                Clock.systemUTC()), new CallSessions(), new LatencyMetrics(), Clock.systemUTC(),
                new RecordingLibrary(new RecordingStore(db), Optional.of(key)), new LeadStore(db), new CampaignStore(db),
                new LeadImport(numbers, ZoneId.of("UTC")), TrunkView.NONE,
                Optional.of(new DataSubjects(new DataSubjectStore(db), users, numbers, Clock.systemUTC()))));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    @Test
    void exportNeedsTheSupervisorRoleAndIsAuditedWithTheNumberMasked() throws Exception {
        assertThat(send("GET", "/api/subjects/%2B15550100001/export", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/subjects/%2B15550100001/export", AGENT).statusCode()).isEqualTo(403);

        HttpResponse<String> r = send("GET", "/api/subjects/%2B15550100001/export", SUPERVISOR);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(r.body());
        assertThat(doc.get("phone").asText()).isEqualTo(TwoSubjects.A);
        assertThat(doc.get("calls")).hasSize(2);
        assertThat(doc.get("calls").get(0).get("recordings").get(0).get("url").asText())
                .isEqualTo("/api/calls/a-in/recording");
        assertThat(send("GET", "/api/calls/a-in/recording", SUPERVISOR).statusCode())
                .as("the export's recording url plays").isEqualTo(200);
        assertThat(audit()).contains("token:ci export_subject +15******001");
    }

    @Test
    void aSipUriInThePathIsAccepted() throws Exception {
        HttpResponse<String> r = send("GET", "/api/subjects/sip:%2B15550100002@trunk/export", SUPERVISOR);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).get("calls").get(0).get("id").asText()).isEqualTo("b-in");
    }

    @Test
    void notAPhoneNumberIs400NamingIt() throws Exception {
        HttpResponse<String> get = send("GET", "/api/subjects/alice/export", SUPERVISOR);
        HttpResponse<String> delete = send("DELETE", "/api/subjects/alice", SUPERVISOR);

        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).contains("invalid phone number: \\\"alice\\\"");
        assertThat(delete.statusCode()).isEqualTo(400);
        assertThat(audit()).isEmpty();
    }

    @Test
    void erasureNeedsTheSupervisorRoleRemovesTheDataAndIsAuditedWithCountsAndAMaskedNumber() throws Exception {
        assertThat(send("DELETE", "/api/subjects/%2B15550100001", AGENT).statusCode()).isEqualTo(403);

        HttpResponse<String> r = send("DELETE", "/api/subjects/%2B15550100001", SUPERVISOR);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode result = new ObjectMapper().readTree(r.body());
        assertThat(result.get("calls").asInt()).isEqualTo(2);
        assertThat(result.get("recordingFilesDeleted").asInt()).isEqualTo(1);
        assertThat(result.get("doNotCallKept").asInt()).isEqualTo(1);
        assertThat(result.get("filesNotDeleted")).isEmpty();
        assertThat(seeded.recordingA).doesNotExist();
        assertThat(seeded.recordingB).exists();
        assertThat(send("GET", "/api/calls/a-in", SUPERVISOR).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/calls/b-in", SUPERVISOR).statusCode()).isEqualTo(200);
        List<String> audit = auditWithDetails();
        assertThat(audit).singleElement().asString().startsWith("token:ci erase_subject +15******001 calls=2")
                .doesNotContain("0100001");

        HttpResponse<String> unknown = send("DELETE", "/api/subjects/%2B442079460000", SUPERVISOR);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(unknown.body()).get("calls").asInt()).isZero();
    }

    @Test
    void aLiveCallOfTheNumberRefusesTheErasureWith409() throws Exception {
        live.started("a-out", "sip:+15******001@trunk", Instant.now());

        HttpResponse<String> r = send("DELETE", "/api/subjects/%2B15550100001", SUPERVISOR);

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("a-out");
        assertThat(seeded.recordingA).exists();
        assertThat(send("GET", "/api/calls/a-in", SUPERVISOR).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> audit() throws Exception {
        return rows("SELECT actor || ' ' || action || ' ' || target FROM audit_log WHERE action LIKE '%subject' ORDER BY id");
    }

    private List<String> auditWithDetails() throws Exception {
        return rows("SELECT actor || ' ' || action || ' ' || target || ' ' || details FROM audit_log "
                + "WHERE action = 'erase_subject' ORDER BY id LIMIT 1");
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
