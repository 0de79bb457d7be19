package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With {@code handoff.skills}, a caller handed off for a reason goes to an agent with the skill that
 * reason needs, even when another agent has been idle longer.
 */
class SkillRoutingIT {
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        assumeTrue(Sipp.installed() || System.getenv("CI") != null, "sipp (Debian sip-tester) is not installed");
    }

    @Test
    void aCallerWhoAsksForAPersonGoesToTheAgentWithTheSkillForThatReason() throws Exception {
        int aliceSipPort = Sipp.freeUdpPort();
        int bobSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer bob = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), aliceSipPort, 10,
                     "handoff.agents=[{name: Alice, uri: \"sip:alice@127.0.0.1:" + aliceSipPort + "\", skills: [sales]}, "
                             + "{name: Bob, uri: \"sip:bob@127.0.0.1:" + bobSipPort + "\", skills: [support]}]",
                     "handoff.skills={caller_request: support}")) {
            // Alice is idle longest (listed first) but lacks the skill; nothing answers at her port.
            Sipp bobPhone = Sipp.start(tmp, "bob", "agent-uas.xml", "-p", String.valueOf(bobSipPort),
                    "-d", "12000", "-key", "agent_rtp_port", String.valueOf(bob.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', TELEPHONE_EVENT);

            await().atMost(Duration.ofSeconds(15)).until(bob::hasRemote);
            assertThat(bobPhone.await(40)).as(bobPhone.output()).isZero();
            callerPhone.await(40);
            CallStore store = candor.callStore();
            String callId = store.recentCalls(1).get(0).id();
            assertThat(store.decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("handoff");
                assertThat(d.detailsJson()).contains("\"agents\":[\"Bob\"]");
            });
            assertThat(store.decisions(callId)).anySatisfy(d -> assertThat(d.kind()).isEqualTo("agent_connected"));
        }
    }

    @Test
    void whenTheFirstAgentDoesNotAnswerTheNextOneIsTried() throws Exception {
        int aliceSipPort = Sipp.freeUdpPort(); // nothing answers here: Alice's phone rings out
        int bobSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer bob = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), aliceSipPort, 3,
                     "handoff.agents=[{name: Alice, uri: \"sip:alice@127.0.0.1:" + aliceSipPort + "\"}, "
                             + "{name: Bob, uri: \"sip:bob@127.0.0.1:" + bobSipPort + "\"}]")) {
            Sipp bobPhone = Sipp.start(tmp, "bob", "agent-uas.xml", "-p", String.valueOf(bobSipPort),
                    "-d", "12000", "-key", "agent_rtp_port", String.valueOf(bob.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', TELEPHONE_EVENT);

            await().atMost(Duration.ofSeconds(20)).until(bob::hasRemote);
            caller.startTone(440);
            await().atMost(Duration.ofSeconds(20)).until(() -> Signals.framesWithTone(bob.audioFrames(0), 440) > 10);
            assertThat(bobPhone.await(40)).as(bobPhone.output()).isZero();
            callerPhone.await(40);
            CallStore store = candor.callStore();
            String callId = store.recentCalls(1).get(0).id();
            assertThat(store.decisions(callId)).extracting(d -> d.kind())
                    .containsSubsequence("handoff", "agent_not_reached", "agent_connected");
            assertThat(store.decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("agent_not_reached");
                assertThat(d.detailsJson()).contains("Alice");
            });
            assertThat(store.decisions(callId)).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("agent_connected");
                assertThat(d.detailsJson()).contains("Bob");
            });
        }
    }
}
