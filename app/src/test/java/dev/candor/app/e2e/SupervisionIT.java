package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.UserStore;
import dev.candor.telephony.media.G711;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Supervisor listen, whisper, barge and take over, end to end. Caller, agent and supervisor each send
 * a distinct tone (440 Hz, 1 kHz, 1.5 kHz); for each mode the test checks which tones each leg receives.
 */
class SupervisionIT {
    private static final String TOKEN = "cnd_supervision_test_token";
    private static final double CALLER_HZ = 440;
    private static final double AGENT_HZ = 1000;
    private static final double SUPERVISOR_HZ = 1500;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    private static void addToken(Path data) {
        try (Database db = Database.open(data)) {
            new UserStore(db).saveToken(TOKEN, "supervision-test", "supervisor", Optional.empty(), Instant.now());
        }
    }

    private HttpResponse<String> supervise(CandorApplication candor, String callId, String mode, int supervisorPort)
            throws Exception {
        String body = "{\"mode\":\"" + mode + "\",\"phone\":\"sip:sam@127.0.0.1:" + supervisorPort + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + candor.httpPort()
                        + "/api/calls/" + callId + "/supervision"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Frames received since {@code sinceNanos} in which {@code hz} is clearly present (alone or mixed). */
    private static long framesWith(RtpPeer peer, long sinceNanos, double hz) {
        return peer.received().stream()
                .filter(r -> r.arrivalNanos() >= sinceNanos && r.packet().payloadType() <= 8)
                .map(r -> (r.packet().payloadType() == 8 ? G711.Law.A_LAW : G711.Law.MU_LAW)
                        .decode(r.packet().payload(), 0, r.packet().payload().length))
                .filter(f -> Signals.rms(f) > 300 && Signals.toneShare(f, hz) > 0.15).count();
    }

    /** Switches mode, waits until every leg hears what it should, then checks what it must not hear. */
    private void checkMode(CandorApplication candor, String callId, String mode, int supervisorPort,
                           RtpPeer caller, RtpPeer agent, RtpPeer supervisor,
                           boolean callerHearsSupervisor, boolean agentHearsSupervisor) throws Exception {
        long since = System.nanoTime() + 300_000_000L;
        assertThat(supervise(candor, callId, mode, supervisorPort).statusCode()).isBetween(200, 202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(framesWith(supervisor, since, CALLER_HZ)).as(mode + ": supervisor hears caller").isGreaterThan(10);
            assertThat(framesWith(supervisor, since, AGENT_HZ)).as(mode + ": supervisor hears agent").isGreaterThan(10);
            assertThat(framesWith(caller, since, AGENT_HZ)).as(mode + ": caller hears agent").isGreaterThan(10);
            assertThat(framesWith(agent, since, CALLER_HZ)).as(mode + ": agent hears caller").isGreaterThan(10);
            if (callerHearsSupervisor) {
                assertThat(framesWith(caller, since, SUPERVISOR_HZ)).as(mode + ": caller hears supervisor").isGreaterThan(10);
            }
            if (agentHearsSupervisor) {
                assertThat(framesWith(agent, since, SUPERVISOR_HZ)).as(mode + ": agent hears supervisor").isGreaterThan(10);
            }
        });
        if (!callerHearsSupervisor) {
            assertThat(framesWith(caller, since, SUPERVISOR_HZ)).as(mode + ": caller must not hear supervisor").isLessThan(3);
        }
        if (!agentHearsSupervisor) {
            assertThat(framesWith(agent, since, SUPERVISOR_HZ)).as(mode + ": agent must not hear supervisor").isLessThan(3);
        }
    }

    @Test
    void listenWhisperAndBargeOnAnAgentsCallWithoutRedialling() throws Exception {
        Path data = tmp.resolve("data");
        addToken(data);
        int agentSipPort = Sipp.freeUdpPort();
        int supervisorSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agent = new RtpPeer(); RtpPeer supervisor = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, agentSipPort, 10)) {
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-uas.xml", "-p", String.valueOf(agentSipPort),
                    "-d", "30000", "-key", "agent_rtp_port", String.valueOf(agent.port()));
            Sipp supervisorPhone = Sipp.start(tmp, "supervisor", "phone-uas-waits.xml",
                    "-p", String.valueOf(supervisorSipPort), "-key", "agent_rtp_port", String.valueOf(supervisor.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', 101);
            await().atMost(Duration.ofSeconds(15)).until(agent::hasRemote);
            caller.startTone(CALLER_HZ);
            agent.startTone(AGENT_HZ);
            await().atMost(Duration.ofSeconds(25)).until(() -> Signals.framesWithTone(caller.audioFrames(0), AGENT_HZ) > 10);
            String callId = candor.callStore().recentCalls(1).get(0).id();

            long before = System.nanoTime();
            assertThat(supervise(candor, callId, "listen", supervisorSipPort).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(supervisor::hasRemote);
            supervisor.startTone(SUPERVISOR_HZ);
            checkMode(candor, callId, "listen", supervisorSipPort, caller, agent, supervisor, false, false);
            checkMode(candor, callId, "whisper", supervisorSipPort, caller, agent, supervisor, false, true);
            checkMode(candor, callId, "barge", supervisorSipPort, caller, agent, supervisor, true, true);
            assertThat(framesWith(caller, before, SUPERVISOR_HZ)).isGreaterThan(0);

            // One phone call for three modes: switching never redials.
            assertThat(agentPhone.await(60)).as(agentPhone.output()).isZero();
            assertThat(callerPhone.await(30)).as(callerPhone.output()).isZero();
            assertThat(supervisorPhone.await(30)).as(supervisorPhone.output()).isZero();
            CallStore store = candor.callStore();
            assertThat(store.decisions(callId)).filteredOn(d -> d.kind().equals("supervision"))
                    .extracting(d -> d.reason()).containsExactly("listen", "whisper", "barge");
        }
    }

    @Test
    void takeOverEndsCandorsPartAndIsStoredAsADecision() throws Exception {
        Path data = tmp.resolve("data");
        addToken(data);
        int supervisorSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer supervisor = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10)) {
            Sipp supervisorPhone = Sipp.start(tmp, "supervisor", "phone-uas-waits.xml",
                    "-p", String.valueOf(supervisorSipPort), "-key", "agent_rtp_port", String.valueOf(supervisor.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "8000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            String callId = candor.callStore().recentCalls(1).get(0).id();

            HttpResponse<String> whisper = supervise(candor, callId, "whisper", supervisorSipPort);
            assertThat(whisper.statusCode()).as("no whisper while Candor handles the call").isEqualTo(409);

            assertThat(supervise(candor, callId, "take_over", supervisorSipPort).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(supervisor::hasRemote);
            supervisor.startTone(SUPERVISOR_HZ);
            caller.startTone(CALLER_HZ);
            long since = System.nanoTime() + 300_000_000L;
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(framesWith(caller, since, SUPERVISOR_HZ)).as("caller hears supervisor").isGreaterThan(10);
                assertThat(framesWith(supervisor, since, CALLER_HZ)).as("supervisor hears caller").isGreaterThan(10);
            });

            assertThat(callerPhone.await(30)).as(callerPhone.output()).isZero();
            assertThat(supervisorPhone.await(30)).as(supervisorPhone.output()).isZero();
            assertThat(candor.callStore().decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("handoff");
                assertThat(d.reason()).isEqualTo("supervisor_takeover");
            });
            // Candor said nothing more once taken over.
            assertThat(candor.callStore().turns(callId)).hasSize(1);
        }
    }
}
