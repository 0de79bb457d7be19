package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.TurnRow;
import dev.candor.app.storage.Speaker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leads and campaigns end to end: a running campaign dials a sipp phone as the lead, the lead hears the
 * outbound opening and the attempt is recorded; a caller whose number is a VIP lead goes straight to a
 * person with reason {@code vip}, their name in the summary.
 */
class CampaignIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void aRunningCampaignDialsTheLeadWhoHearsTheDisclosingOpeningAndTheAttemptIsRecorded() throws Exception {
        int leadSipPort = Sipp.freeUdpPort();
        try (RtpPeer leadPhoneMedia = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10,
                     "campaigns.dial-uri=sip:{number}@127.0.0.1:" + leadSipPort, "campaigns.tick-millis=200",
                     "campaigns.node-id=it-node")) {
            Sipp leadPhone = Sipp.start(tmp, "lead", "agent-uas.xml", "-p", String.valueOf(leadSipPort),
                    "-d", "14000", "-key", "agent_rtp_port", String.valueOf(leadPhoneMedia.port()));
            Instant now = Instant.now();
            long lead = candor.leadStore().upsert(new LeadStore.LeadData("+15550100077", "Dana Reyes", "Reyes Logistics",
                    "America/Chicago", false, "asked about call recording on our website", "", Map.of()), now);
            CampaignStore campaigns = candor.campaignStore();
            long campaign = campaigns.create(new CampaignStore.Settings("it", LocalTime.MIN, LocalTime.MAX,
                    EnumSet.allOf(DayOfWeek.class), 1, 10, 2, Duration.ofMinutes(5)), now);
            campaigns.addAllLeads(campaign, now);
            assertThat(campaigns.start(campaign, now)).isTrue();

            // The lead's phone hears Candor speak.
            await().atMost(Duration.ofSeconds(20)).until(() -> leadPhoneMedia.audioFrames(0).stream()
                    .filter(f -> Signals.rms(f) > 500).count() >= 10);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(campaigns.attempts(campaign))
                    .singleElement().satisfies(a -> assertThat(a.outcome()).contains("answered")));
            assertThat(leadPhone.await(30)).as(leadPhone.output()).isZero();

            CampaignStore.AttemptRow attempt = campaigns.attempts(campaign).get(0);
            assertThat(attempt.leadId()).contains(lead);
            assertThat(attempt.nodeId()).isEqualTo("it-node");
            assertThat(attempt.endReason()).contains("remote_hangup");
            String callId = attempt.callId().orElseThrow();
            CallStore calls = candor.callStore();
            assertThat(calls.findCall(callId).orElseThrow().direction().dbValue()).isEqualTo("outbound");
            assertThat(calls.findCall(callId).orElseThrow().toUri()).contains("+15550100077");
            List<TurnRow> turns = calls.turns(callId);
            TurnRow opening = turns.stream().filter(t -> t.speaker() == Speaker.CANDOR).findFirst().orElseThrow();
            assertThat(opening.text()).contains("AI").contains("Northwind Test").contains("Dana");
            await().atMost(Duration.ofSeconds(10)).until(() -> campaigns.find(campaign).orElseThrow().status()
                    .equals("done"));
            assertThat(campaigns.leadState(campaign, lead).orElseThrow().status()).isEqualTo("done");
        }
    }

    @Test
    void aCallerWhoseNumberIsAVipLeadIsHandedToAPersonWithTheirNameInTheSummary() throws Exception {
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 5)) {
            // caller-hangs-up.xml calls from sip:+15550100002@...
            candor.leadStore().upsert(new LeadStore.LeadData("+15550100002", "Morgan Vale", "Vale Shipping", "UTC", true,
                    "", "key account", Map.of()), Instant.now());
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "4000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> !candor.callStore().recentCalls(1).isEmpty());
            String callId = candor.callStore().recentCalls(1).get(0).id();
            CallStore store = candor.callStore();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.decisions(callId))
                    .anySatisfy(d -> {
                        assertThat(d.kind()).isEqualTo("handoff");
                        assertThat(d.reason()).isEqualTo("vip");
                        assertThat(d.detailsJson()).contains("Morgan Vale").contains("Vale Shipping");
                    }));
            assertThat(store.turns(callId)).filteredOn(t -> t.speaker() == Speaker.CANDOR).first()
                    .satisfies(t -> assertThat(t.text()).contains("AI"));
            callerPhone.await(30);
        }
    }

    @Test
    void aCallerWhoIsNotALeadIsNotTreatedAsVip() throws Exception {
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 5)) {
            candor.leadStore().upsert(new LeadStore.LeadData("+15550100003", "Someone Else", "", "UTC", true,
                    "", "", Map.of()), Instant.now());
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "3000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            callerPhone.await(30);
            String callId = candor.callStore().recentCalls(1).get(0).id();
            await().atMost(Duration.ofSeconds(5)).until(() -> candor.callStore().findCall(callId).orElseThrow()
                    .endedAt().isPresent());

            assertThat(candor.callStore().decisions(callId)).noneMatch(d -> d.kind().equals("handoff"));
            assertThat(candor.callStore().turns(callId)).isNotEmpty();
        }
    }
}
