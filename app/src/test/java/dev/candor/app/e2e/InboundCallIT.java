package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.call.HoldAudio;
import dev.candor.handoff.Availability;
import dev.candor.app.storage.CallRow;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.DecisionRow;
import dev.candor.app.storage.Speaker;
import dev.candor.app.storage.TurnRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, with real sockets: sipp places the call and plays the agent's phone; the test owns both
 * media ports, so it hears what Candor sends and speaks (tones, DTMF) as caller and agent.
 */
class InboundCallIT {
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void callerHearsDisclosurePressesZeroHearsHoldWhileTheAgentHearsTheSummaryThenTheyTalk() throws Exception {
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agent = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentSipPort, 10)) {
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-uas.xml", "-p", String.valueOf(agentSipPort),
                    "-d", "20000", "-key", "agent_rtp_port", String.valueOf(agent.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            // The greeting: PCMU (the caller's first choice), one packet every 20 ms, and not silence.
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 60);
            List<RtpPeer.Received> greeting = caller.received().subList(0, 60);
            assertThat(greeting).allSatisfy(r -> assertThat(r.packet().payloadType()).isEqualTo(PCMU));
            for (int i = 1; i < greeting.size(); i++) {
                assertThat(greeting.get(i).packet().timestamp() - greeting.get(i - 1).packet().timestamp())
                        .as("RTP timestamp step").isEqualTo(160);
                assertThat((greeting.get(i).packet().sequenceNumber() - greeting.get(i - 1).packet().sequenceNumber())
                        & 0xFFFF).as("sequence step").isEqualTo(1);
            }
            double meanGapMillis = (greeting.get(59).arrivalNanos() - greeting.get(0).arrivalNanos()) / 59 / 1e6;
            assertThat(meanGapMillis).as("mean packet spacing in ms").isBetween(17.0, 23.0);
            assertThat(caller.audioFrames(PCMU).subList(0, 60)).anySatisfy(
                    frame -> assertThat(Signals.rms(frame)).as("greeting level").isGreaterThan(500));

            // DTMF 0 asks for a person: Candor calls the agent, who answers; after the summary they talk.
            caller.sendDtmf('0', TELEPHONE_EVENT);
            await().atMost(Duration.ofSeconds(15)).until(agent::hasRemote);
            caller.startTone(440);
            agent.startTone(1000);
            await().atMost(Duration.ofSeconds(25)).untilAsserted(() ->
                    assertThat(Signals.framesWithTone(agent.audioFrames(PCMU), 440))
                            .as("frames of the caller's 440 Hz tone heard by the agent").isGreaterThanOrEqualTo(10));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Signals.framesWithTone(caller.audioFrames(PCMU), 1000))
                            .as("frames of the agent's 1 kHz tone heard by the caller").isGreaterThanOrEqualTo(10));

            // Before they were joined, the agent alone heard the spoken summary, and never the hold chime...
            List<short[]> toAgent = agent.audioFrames(PCMU);
            int joined = Signals.firstFrameWithTone(toAgent, 440);
            assertThat(toAgent.subList(0, joined).stream()
                    .filter(f -> Signals.rms(f) > 500 && Signals.toneShare(f, 440) < 0.3).count())
                    .as("frames of the spoken summary heard by the agent before joining").isGreaterThanOrEqualTo(50);
            assertThat(Signals.longestRunWithTone(toAgent, HoldAudio.FIRST_NOTE_HZ))
                    .as("consecutive frames of hold chime heard by the agent").isLessThan(5);
            // ...while the caller heard the hold chime, not the summary.
            List<short[]> toCaller = caller.audioFrames(PCMU);
            int agentHeard = Signals.firstFrameWithTone(toCaller, 1000);
            assertThat(Signals.longestRunWithTone(toCaller.subList(0, agentHeard), HoldAudio.FIRST_NOTE_HZ))
                    .as("consecutive frames of hold chime heard by the caller before joining").isGreaterThanOrEqualTo(10);

            // The agent hangs up; Candor ends the caller's leg too.
            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();

            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(5)).until(() -> store.recentCalls(5).stream()
                    .anyMatch(c -> c.endedAt().isPresent()));
            CallRow call = store.recentCalls(5).get(0);
            assertThat(call.direction()).isEqualTo(Direction.INBOUND);
            assertThat(call.fromUri()).contains("+15550100001");
            assertThat(call.answeredAt()).isPresent();
            assertThat(call.endReason()).isPresent();

            List<TurnRow> turns = store.turns(call.id());
            assertThat(turns).isNotEmpty();
            assertThat(turns.get(0).speaker()).isEqualTo(Speaker.CANDOR);
            // Pressing 0 cut the greeting off: the turn holds the part actually played, marked interrupted.
            assertThat(turns.get(0).text()).startsWith("Hello, you're talking to");
            assertThat(turns.get(0).interrupted()).isTrue();
            assertThat(turns).extracting(TurnRow::text).contains("Connecting you to a person now.");

            List<DecisionRow> decisions = store.decisions(call.id());
            assertThat(decisions).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("handoff");
                assertThat(d.reason()).isEqualTo("caller_request");
            });
            assertThat(decisions).anySatisfy(d -> assertThat(d.kind()).isEqualTo("agent_connected"));
        }
    }

    @Test
    void busyAgentLeadsToACallbackTheCallerChoosesByKey() throws Exception {
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentSipPort, 10)) {
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-busy.xml", "-p", String.valueOf(agentSipPort));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', TELEPHONE_EVENT);
            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();

            CallStore store = candor.callStore();
            String callId = store.recentCalls(1).get(0).id();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.decisions(callId).stream()
                    .anyMatch(d -> d.kind().equals("agent_unavailable") && d.reason().equals("busy")));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.turns(callId).stream()
                    .anyMatch(t -> t.text().startsWith("No one can take your call right now.")));
            caller.sendDtmf('1', TELEPHONE_EVENT);

            assertThat(callerPhone.await(60)).as(callerPhone.output()).isZero();
            assertThat(store.decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("callback_scheduled");
                assertThat(d.reason()).isEqualTo("caller_choice");
            });
            assertThat(candor.callbackStore().pending(10)).singleElement().satisfies(cb -> {
                assertThat(cb.callId()).contains(callId);
                assertThat(cb.phoneUri()).contains("+15550100001");
                assertThat(cb.dueAt()).isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(3700));
            });
            assertThat(store.turns(callId)).extracting(TurnRow::text)
                    .anySatisfy(text -> assertThat(text).startsWith("A person will call you back within the hour"));
        }
    }

    @Test
    void withNoAgentFreeTheCallerWaitsInLineAndGetsTheFirstAgentWhoBecomesFree() throws Exception {
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agent = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentSipPort, 10)) {
            candor.agents().set("Alice", Availability.AWAY);
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-uas.xml", "-p", String.valueOf(agentSipPort),
                    "-d", "12000", "-key", "agent_rtp_port", String.valueOf(agent.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', TELEPHONE_EVENT);
            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.recentCalls(1).stream()
                    .flatMap(c -> store.turns(c.id()).stream())
                    .anyMatch(t -> t.text().equals("All our people are busy right now. You are number 1 in line. "
                            + "Please hold.")));
            assertThat(agent.hasRemote()).as("no agent is called while none is available").isFalse();

            candor.agents().set("Alice", Availability.AVAILABLE);
            await().atMost(Duration.ofSeconds(15)).until(agent::hasRemote);
            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();
            String callId = store.recentCalls(1).get(0).id();
            assertThat(store.decisions(callId)).extracting(DecisionRow::kind)
                    .containsSubsequence("handoff", "queued", "agent_connected");
        }
    }

    @Test
    void callerWhoAsksForAHumanInWordsIsHandedOff() throws Exception {
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentSipPort, 10,
                     Optional.of(ToneHearingRecognizer.hearing("can I talk to a human")))) {
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-busy.xml", "-p", String.valueOf(agentSipPort));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.startTone(440); // "speech", as far as the test-only recognizer is concerned

            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();
            caller.stopTone();
            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(15)).until(() -> store.recentCalls(1).stream()
                    .flatMap(c -> store.turns(c.id()).stream()).anyMatch(t -> t.text().startsWith("No one can take")));
            caller.sendDtmf('2', TELEPHONE_EVENT); // a callback tomorrow morning
            assertThat(callerPhone.await(60)).as(callerPhone.output()).isZero();

            await().atMost(Duration.ofSeconds(5)).until(() -> store.recentCalls(5).stream()
                    .anyMatch(c -> c.endedAt().isPresent()));
            CallRow call = store.recentCalls(5).get(0);
            assertThat(store.turns(call.id())).anySatisfy(t -> {
                assertThat(t.speaker()).isEqualTo(Speaker.CALLER);
                assertThat(t.text()).isEqualTo("can I talk to a human");
            });
            // The caller spoke over the greeting: it stopped there and is stored as interrupted.
            assertThat(store.turns(call.id()).get(0).text()).startsWith("Hello");
            assertThat(store.turns(call.id()).get(0).interrupted()).isTrue();
            assertThat(store.decisions(call.id())).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("handoff");
                assertThat(d.reason()).isEqualTo("caller_request");
                assertThat(d.detailsJson()).contains("asked for a person");
            });
        }
    }
}
