package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallRow;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.DecisionRow;
import dev.candor.app.storage.TurnRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cold transfer by REFER, end to end with sipp as the caller: a caller asking for a person is handed
 * off as {@code caller_request}, which {@code handoff.cold-transfer} sends to an external URI. One
 * caller's phone accepts the REFER and reports success by NOTIFY; the other refuses it, and the caller
 * is bridged to the agent instead.
 */
class ColdTransferIT {
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;
    private static final String NOTICE = "I'm transferring your call now. Please stay on the line.";

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    private static String coldTransferTo(int port) {
        return "handoff.cold-transfer={caller_request: \"sip:accounts@127.0.0.1:" + port + "\"}";
    }

    @Test
    void callerWhosePhoneAcceptsTheReferIsTransferredAndCandorLeavesWithBye() throws Exception {
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentSipPort, 10,
                     coldTransferTo(5999))) {
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-accepts-refer.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', TELEPHONE_EVENT);

            // sipp checks the REFER (Refer-To, Referred-By), sends 202 and two NOTIFYs, and ends on our BYE.
            assertThat(callerPhone.await(60)).as(callerPhone.output()).isZero();

            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(5)).until(() -> store.recentCalls(1).stream()
                    .anyMatch(c -> c.endedAt().isPresent()));
            CallRow call = store.recentCalls(1).get(0);
            assertThat(call.endReason()).contains("transferred");
            assertThat(store.turns(call.id())).extracting(TurnRow::text).contains(NOTICE);
            List<DecisionRow> decisions = store.decisions(call.id());
            assertThat(decisions).filteredOn(d -> d.kind().equals("transfer")).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo("caller_request");
                assertThat(d.detailsJson()).contains("sip:accounts@127.0.0.1:5999").contains("\"succeeded\"")
                        .contains("200");
            });
            assertThat(decisions).extracting(DecisionRow::kind)
                    .containsSubsequence("handoff", "transfer")
                    .doesNotContain("agent_connected", "queued", "agent_unavailable");
        }
    }

    @Test
    void callerWhosePhoneRefusesTheReferIsBridgedToTheAgentInstead() throws Exception {
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agent = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), agentSipPort, 10,
                     coldTransferTo(5999))) {
            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-uas.xml", "-p", String.valueOf(agentSipPort),
                    "-d", "12000", "-key", "agent_rtp_port", String.valueOf(agent.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-refuses-refer.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 10);
            caller.sendDtmf('0', TELEPHONE_EVENT);

            CallStore store = candor.callStore();
            await().atMost(Duration.ofSeconds(30)).until(() -> store.recentCalls(1).stream()
                    .flatMap(c -> store.decisions(c.id()).stream()).anyMatch(d -> d.kind().equals("transfer")));
            // The REFER was refused with 405: the caller goes to the agent, who hears them.
            await().atMost(Duration.ofSeconds(20)).until(agent::hasRemote);
            caller.startTone(440);
            await().atMost(Duration.ofSeconds(25)).untilAsserted(() ->
                    assertThat(Signals.framesWithTone(agent.audioFrames(PCMU), 440))
                            .as("frames of the caller's 440 Hz tone heard by the agent").isGreaterThanOrEqualTo(10));

            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();

            String callId = store.recentCalls(1).get(0).id();
            List<DecisionRow> decisions = store.decisions(callId);
            assertThat(decisions).filteredOn(d -> d.kind().equals("transfer")).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo("caller_request");
                assertThat(d.detailsJson()).contains("sip:accounts@127.0.0.1:5999").contains("\"refused\"")
                        .contains("405");
            });
            assertThat(decisions).extracting(DecisionRow::kind)
                    .containsSubsequence("handoff", "transfer", "agent_connected");
            await().atMost(Duration.ofSeconds(5)).until(() -> store.recentCalls(1).get(0).endedAt().isPresent());
            assertThat(store.recentCalls(1).get(0).endReason()).isNotEqualTo(java.util.Optional.of("transferred"));
        }
    }
}
