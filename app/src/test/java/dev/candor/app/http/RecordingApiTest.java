package dev.candor.app.http;

import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.call.CallSessions;
import dev.candor.app.live.LiveCalls;
import dev.candor.app.recording.EncryptingOutputStream;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.recording.RecordingLibrary;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.UserStore;
import dev.candor.handoff.AgentDirectory;
import dev.candor.telephony.media.StereoWavWriter;
import dev.candor.telephony.media.WavReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/calls/{id}/recording against a real server, a real SQLite file and a real encrypted file: the
 * call's access rules, the decrypted WAV, the audit log.
 */
class RecordingApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String ALICE_TOKEN = "cnd_test_token_for_alice";
    private static final String SAM_TOKEN = "cnd_test_token_for_sam";

    @TempDir
    Path tmp;

    private Database db;
    private ConsoleServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final MasterKey key = MasterKey.random(new SecureRandom());
    private String base;
    private short[] left;
    private short[] right;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(tmp.resolve("data"));
        CallStore calls = new CallStore(db);
        UserStore users = new UserStore(db);
        Instant now = Instant.now();
        users.saveUser("alice", new PasswordHasher().hash(PASSWORD.toCharArray()), "agent", Optional.of("Alice"), now);
        users.saveToken(ALICE_TOKEN, "alice-api", "agent", Optional.of("Alice"), now);
        users.saveToken(SAM_TOKEN, "ci", "supervisor", Optional.empty(), now);
        for (String agent : List.of("Alice", "Bob")) {
            String id = "call-" + agent.toLowerCase();
            calls.createCall(new CallRecord(id, Direction.INBOUND, "sip:+15550001111@x", "sip:candor@y", id, now));
            calls.addDecision(id, "agent_connected", "answered", Map.of("agent", agent), now);
        }
        RecordingStore recordings = new RecordingStore(db);
        // Alice's call and Bob's call are recorded; a third call is not.
        calls.createCall(new CallRecord("call-unrecorded", Direction.INBOUND, "sip:+15550002222@x", "sip:candor@y",
                "u", now));
        left = new short[1600];
        right = new short[1600];
        for (int i = 0; i < left.length; i++) {
            left[i] = (short) (i * 7);
            right[i] = (short) (-i * 3);
        }
        for (String id : List.of("call-alice", "call-bob")) {
            Path file = tmp.resolve(id + ".wav.enc");
            try (OutputStream out = Files.newOutputStream(file);
                 StereoWavWriter wav = StereoWavWriter.to(new EncryptingOutputStream(out, key, new SecureRandom(), 1000))) {
                wav.write(left, right);
            }
            long row = recordings.started(id, file.toString(), "v1", key.id(), now);
            recordings.ended(row, "complete", now.plusMillis(200), 200, Files.size(file));
        }
        AgentDirectory agents = new AgentDirectory(List.of(
                new AgentDirectory.AgentProfile("Alice", "sip:alice@127.0.0.1:5070", Set.of("sales"))),
                Duration.ofSeconds(30), Clock.systemUTC());
        server = ConsoleServer.start("127.0.0.1", 0, new ConsoleServer.Dependencies(calls, new CallbackStore(db),
                users, new LiveCalls(), agents, new CallSessions(), new dev.candor.app.metrics.LatencyMetrics(), Clock.systemUTC(),
                new RecordingLibrary(recordings, Optional.of(key)), new dev.candor.app.storage.LeadStore(db),
                new dev.candor.app.storage.CampaignStore(db), new dev.candor.app.lead.LeadImport(
                        new dev.candor.app.lead.PhoneNumbers(""), java.time.ZoneId.of("UTC"))));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    @Test
    void agentGetsTheirOwnCallsRecordingAsADecryptedWavAndThePlaybackIsAudited() throws Exception {
        HttpResponse<byte[]> r = get("/api/calls/call-alice/recording", ALICE_TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));
        byte[] wav = r.body();
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav).hasSize(StereoWavWriter.HEADER_SIZE + 1600 * 4);
        // The sizes are filled in, not left "unknown" as the streaming writer wrote them.
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(4)).isEqualTo(36 + 1600 * 4);
        assertThat(header.getInt(40)).isEqualTo(1600 * 4);
        WavReader.Audio audio = WavReader.read(new ByteArrayInputStream(wav));
        assertThat(audio.channel(0)).isEqualTo(left);
        assertThat(audio.channel(1)).isEqualTo(right);

        assertThat(auditRows()).contains("token:alice-api play_recording call-alice");
    }

    @Test
    void agentCannotPlayAnotherAgentsCall() throws Exception {
        HttpResponse<byte[]> r = get("/api/calls/call-bob/recording", ALICE_TOKEN);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(auditRows()).noneMatch(row -> row.contains("play_recording"));
    }

    @Test
    void supervisorMayPlayAnyCall() throws Exception {
        assertThat(get("/api/calls/call-bob/recording", SAM_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void noLoginNoRecording() throws Exception {
        assertThat(get("/api/calls/call-alice/recording", null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownCallAndUnrecordedCallAre404() throws Exception {
        assertThat(get("/api/calls/no-such-call/recording", SAM_TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/calls/call-unrecorded/recording", SAM_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void callDetailLinksTheRecording() throws Exception {
        HttpResponse<byte[]> r = get("/api/calls/call-alice", ALICE_TOKEN);

        String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("\"url\":\"/api/calls/call-alice/recording\"").contains("\"durationMillis\":200");
        assertThat(new String(get("/api/calls/call-unrecorded", SAM_TOKEN).body())).contains("\"recording\":null");
    }

    @Test
    void alteredFileIsRefusedNotServed() throws Exception {
        Path file = tmp.resolve("call-alice.wav.enc");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 1;
        Files.write(file, bytes);

        HttpResponse<byte[]> r = get("/api/calls/call-alice/recording", ALICE_TOKEN);

        // The length is known up front, so the tampering surfaces while streaming: never as a whole 200 body.
        assertThat(r.statusCode() != 200 || r.body().length < StereoWavWriter.HEADER_SIZE + 1600 * 4)
                .as("status %d, %d bytes", r.statusCode(), r.body().length).isTrue();
    }

    private HttpResponse<byte[]> get(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            // A response cut short mid-body: report it as a failed, truncated one.
            return new Truncated(e);
        }
    }

    private List<String> auditRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor || ' ' || action || ' ' || ifnull(target, '') FROM audit_log")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    /** Stands for a response whose body broke off. */
    private record Truncated(Exception cause) implements HttpResponse<byte[]> {
        public int statusCode() { return -1; }
        public HttpRequest request() { return null; }
        public Optional<HttpResponse<byte[]>> previousResponse() { return Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        public byte[] body() { return new byte[0]; }
        public Optional<javax.net.ssl.SSLSession> sslSession() { return Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
