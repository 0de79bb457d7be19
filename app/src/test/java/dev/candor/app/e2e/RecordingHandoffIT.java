package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.Speaker;
import dev.candor.app.storage.TurnRow;
import dev.candor.app.storage.UserStore;
import dev.candor.telephony.media.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recorded call that is handed to a person, end to end. sipp plays the caller and the agent's phone; each
 * phone's media is a test socket sending its own tone (caller 440 Hz, agent 1 kHz). The caller presses 0,
 * the agent answers, hears the whisper and is bridged. Afterwards the recording, fetched decrypted through
 * the playback API, must hold the caller on the left and, on the right, what the caller heard: the
 * greeting, and the agent after the bridge. The caller presses 0 before the greeting's recording notice
 * has played, so the notice must open the next prompt and be played in full before the agent is bridged.
 */
class RecordingHandoffIT {
    private static final String TOKEN = "cnd_recording_handoff_test_token";
    private static final double CALLER_HZ = 440;
    private static final double AGENT_HZ = 1000;
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void theAgentIsRecordedOnTheCallersHearingChannelAfterTheHandoff() throws Exception {
        Path data = tmp.resolve("data");
        try (Database db = Database.open(data)) {
            new UserStore(db).saveToken(TOKEN, "recording-handoff-test", "supervisor", Optional.empty(), Instant.now());
        }
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agent = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, agentSipPort, 10, "recording.enabled=true")) {
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-uas.xml", "-p", String.valueOf(agentSipPort),
                    "-d", "16000", "-key", "agent_rtp_port", String.valueOf(agent.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            // Half a second of greeting, then the caller asks for a person and keeps talking (the tone).
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 25);
            assertThat(candor.liveCalls().snapshot().get(0).transcript().get(0).text())
                    .startsWith("Hello, you're talking to Northwind Test's AI assistant").contains("This call is recorded.");
            caller.sendDtmf('0', TELEPHONE_EVENT);
            await().atMost(Duration.ofSeconds(15)).until(agent::hasRemote);
            caller.startTone(CALLER_HZ);
            agent.startTone(AGENT_HZ);
            // Bridged: the caller hears the agent.
            await().atMost(Duration.ofSeconds(25))
                    .until(() -> Signals.framesWithTone(caller.audioFrames(0), AGENT_HZ) > 25);
            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();

            CallStore calls = candor.callStore();
            String callId = calls.recentCalls(1).get(0).id();
            assertThat(calls.decisions(callId)).extracting(d -> d.kind()).contains("handoff", "agent_connected");
            // The greeting carried the recording notice, but the caller pressed 0 before hearing it (the
            // stored turn keeps the words played): it opens the next thing Candor says, played in full.
            List<TurnRow> turns = calls.turns(callId);
            assertThat(turns.get(0).speaker()).isEqualTo(Speaker.CANDOR);
            assertThat(turns.get(0).interrupted()).isTrue();
            assertThat(turns.get(0).text()).startsWith("Hello").doesNotContain("This call is recorded.");
            assertThat(turns.get(1).speaker()).isEqualTo(Speaker.CANDOR);
            assertThat(turns.get(1).interrupted()).isFalse();
            assertThat(turns.get(1).text()).startsWith("This call is recorded.");

            // The recording is complete once the writer has finished the file; then it plays through the API.
            await().atMost(Duration.ofSeconds(10)).until(() -> get(candor, "/api/calls/" + callId,
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"complete\""));
            HttpResponse<byte[]> played = get(candor, "/api/calls/" + callId + "/recording",
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(played.statusCode()).isEqualTo(200);
            assertThat(played.headers().firstValue("Content-Type")).contains("audio/wav");

            WavReader.Audio audio = WavReader.read(new ByteArrayInputStream(played.body()));
            assertThat(audio.channels()).hasNumberOfRows(2);
            List<short[]> left = frames(audio.channel(0));
            List<short[]> right = frames(audio.channel(1));

            // Candor (the half second of greeting, the notice, "connecting you") is on the right before the
            // caller's tone is on the left.
            int callerStarts = Signals.firstFrameWithTone(left, CALLER_HZ);
            assertThat(right.subList(0, callerStarts).stream().filter(f -> Signals.rms(f) > 500).count())
                    .as("loud frames of Candor on the right before the caller's tone").isGreaterThanOrEqualTo(15);

            // The caller only ever on the left, the agent only ever on the right.
            assertThat(Signals.framesWithTone(left, CALLER_HZ)).as("caller's tone on the left").isGreaterThanOrEqualTo(50);
            // (a single frame of Candor's synthetic voice can peak at 440 Hz; a tone shows as a run of frames)
            assertThat(Signals.longestRunWithTone(right, CALLER_HZ)).as("longest run of the caller's tone on the right")
                    .isLessThanOrEqualTo(2);
            assertThat(Signals.longestRunWithTone(left, AGENT_HZ)).as("longest run of the agent's tone on the left")
                    .isLessThanOrEqualTo(2);
            // After the handoff, the right channel carries the agent, as the caller heard them.
            int agentStarts = Signals.firstFrameWithTone(right, AGENT_HZ);
            assertThat(agentStarts).as("first frame of the agent on the right").isGreaterThan(callerStarts);
            assertThat(Signals.longestRunWithTone(right, AGENT_HZ)).as("longest run of the agent's tone on the right")
                    .isGreaterThanOrEqualTo(100);
        }
    }

    private static <T> HttpResponse<T> get(CandorApplication candor, String path, HttpResponse.BodyHandler<T> body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + candor.httpPort() + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        return HttpClient.newHttpClient().send(request, body);
    }

    private static List<short[]> frames(short[] samples) {
        List<short[]> frames = new ArrayList<>();
        for (int i = 0; i + 160 <= samples.length; i += 160) {
            frames.add(Arrays.copyOfRange(samples, i, i + 160));
        }
        return frames;
    }
}
