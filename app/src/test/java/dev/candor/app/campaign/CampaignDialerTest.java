package dev.candor.app.campaign;

import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.CampaignStore.Outcome;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.DoNotCallStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.LeadStore.LeadData;
import dev.candor.dialog.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialer against a real SQLite file with a fixed clock and a scripted fake for placing calls (no SIP):
 * who is dialled, who is skipped and why, and when a lead is tried again.
 */
class CampaignDialerTest {
    /** Monday 2026-11-23 15:00 UTC: 10:00 in New York, midnight in Tokyo. */
    private static final Instant MONDAY_1500_UTC = Instant.parse("2026-11-23T15:00:00Z");

    @TempDir
    Path tmp;
    private Database db;
    private LeadStore leads;
    private CampaignStore campaigns;
    private CallbackStore callbacks;
    private DoNotCallStore doNotCall;
    private CallStore calls;
    private Instant now = MONDAY_1500_UTC;
    private final FakeCalls fake = new FakeCalls();

    /** Records every call placed (with its row in calls, as the real one writes); the test decides how each ends. */
    private final class FakeCalls implements OutboundCalls {
        record Placement(String uri, Scenario scenario, CompletableFuture<Outcome> finished) {
        }

        final List<Placement> placed = new ArrayList<>();

        @Override
        public Placed place(String uri, Scenario scenario) {
            CompletableFuture<Outcome> finished = new CompletableFuture<>();
            placed.add(new Placement(uri, scenario, finished));
            String id = "call-" + uri.hashCode() + "-" + placed.size();
            calls.createCall(new CallRecord(id, Direction.OUTBOUND, "sip:candor@test", uri, id, now));
            return new Placed(id, finished);
        }
    }

    @BeforeEach
    void open() {
        db = Database.open(tmp);
        leads = new LeadStore(db);
        campaigns = new CampaignStore(db);
        callbacks = new CallbackStore(db);
        doNotCall = new DoNotCallStore(db);
        calls = new CallStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CampaignDialer dialer(String node, OutboundCalls outbound) {
        return new CampaignDialer(new CampaignDialer.Settings(node, n -> Optional.of("sip:" + n + "@trunk.test"),
                Duration.ofMinutes(2), true, 2, Duration.ofMinutes(30), new PhoneNumbers(""), ZoneId.of("UTC")),
                campaigns, leads, callbacks, doNotCall, calls, outbound, InstantSource.fixed(now), Runnable::run);
    }

    private long lead(String phone, String zone) {
        return leads.upsert(new LeadData(phone, "Lead " + phone, "Acme", zone, false, "asked for a demo", "", Map.of()),
                MONDAY_1500_UTC);
    }

    private long runningCampaign(int maxAttempts) {
        long id = campaigns.create(new CampaignStore.Settings("autumn", LocalTime.of(9, 0), LocalTime.of(17, 0),
                CallingHours.parseDays("mon-fri"), 5, 60, maxAttempts, Duration.ofHours(1)), MONDAY_1500_UTC);
        campaigns.addAllLeads(id, MONDAY_1500_UTC);
        campaigns.start(id, MONDAY_1500_UTC);
        return id;
    }

    private static Outcome noAnswer() {
        return new Outcome("no_answer", Optional.of("no_answer"), Optional.empty(), false, false);
    }

    @Test
    void leadsAreDialledOnlyInsideTheirOwnCallingHours() {
        long newYork = lead("+12125550100", "America/New_York");
        long tokyo = lead("+81355500100", "Asia/Tokyo");
        long id = runningCampaign(3);

        dialer("node-a", fake).tick();

        assertThat(fake.placed).extracting(FakeCalls.Placement::uri).containsExactly("sip:+12125550100@trunk.test");
        assertThat(fake.placed.get(0).scenario()).isInstanceOf(Scenario.Outbound.class);
        assertThat(fake.placed.get(0).scenario().lead().orElseThrow().phone()).isEqualTo("+12125550100");
        assertThat(campaigns.leadState(id, newYork).orElseThrow().status()).isEqualTo("dialing");
        CampaignStore.LeadState waiting = campaigns.leadState(id, tokyo).orElseThrow();
        assertThat(waiting.status()).isEqualTo("pending");
        assertThat(waiting.attempts()).as("not counted as an attempt").isZero();
        assertThat(waiting.nextAttemptAt()).as("09:00 Tuesday in Tokyo").isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Test
    void numbersOnTheDoNotCallListAreSkippedWithADecision() {
        long listed = lead("+12125550100", "America/New_York");
        long other = lead("+12125550101", "America/New_York");
        doNotCall.add("sip:+12125550100@somewhere", Optional.empty(), "asked never to be called", MONDAY_1500_UTC);
        long id = runningCampaign(3);

        dialer("node-a", fake).tick();

        assertThat(fake.placed).extracting(FakeCalls.Placement::uri).containsExactly("sip:+12125550101@trunk.test");
        assertThat(campaigns.leadState(id, listed).orElseThrow().status()).isEqualTo("skipped");
        assertThat(campaigns.leadState(id, listed).orElseThrow().lastOutcome()).contains("do_not_call");
        assertThat(calls.leadDecisions(listed)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("do_not_call_skip");
            assertThat(d.reason()).isEqualTo("on_do_not_call_list");
        });
        assertThat(calls.leadDecisions(other)).isEmpty();
    }

    @Test
    void anUnansweredLeadIsTriedAgainAfterTheDelayUpToMaxAttempts() {
        long lead = lead("+12125550100", "America/New_York");
        long id = runningCampaign(2);
        dialer("node-a", fake).tick();

        fake.placed.get(0).finished().complete(noAnswer());

        CampaignStore.LeadState state = campaigns.leadState(id, lead).orElseThrow();
        assertThat(state.status()).isEqualTo("pending");
        assertThat(state.attempts()).isEqualTo(1);
        assertThat(state.nextAttemptAt()).isEqualTo(MONDAY_1500_UTC.plus(Duration.ofHours(1)));
        assertThat(campaigns.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).contains("no_answer");
            assertThat(a.callId()).hasValueSatisfying(c -> assertThat(calls.findCall(c)).isPresent());
            assertThat(a.attempt()).isEqualTo(1);
        });
        dialer("node-a", fake).tick();
        assertThat(fake.placed).as("not before the retry delay").hasSize(1);

        now = MONDAY_1500_UTC.plus(Duration.ofHours(1));
        dialer("node-a", fake).tick();
        assertThat(fake.placed).hasSize(2);
        fake.placed.get(1).finished().complete(new Outcome("busy", Optional.of("busy"), Optional.empty(), false, false));

        assertThat(campaigns.leadState(id, lead).orElseThrow().status()).as("max attempts reached").isEqualTo("done");
        assertThat(campaigns.attempts(id)).extracting(a -> a.outcome().orElseThrow()).containsExactly("no_answer", "busy");
        dialer("node-a", fake).tick();
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo("done");
    }

    @Test
    void anAnsweredCallIsRecordedWithHowTheConversationEnded() {
        long lead = lead("+12125550100", "America/New_York");
        long id = runningCampaign(3);
        dialer("node-a", fake).tick();

        fake.placed.get(0).finished().complete(new Outcome("answered", Optional.of("callback_booked"), Optional.empty(),
                true, false));

        assertThat(campaigns.leadState(id, lead).orElseThrow().status()).isEqualTo("done");
        assertThat(campaigns.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).contains("answered");
            assertThat(a.endReason()).contains("callback_booked");
            assertThat(a.callback()).isTrue();
        });
        assertThat(campaigns.progress(id).attemptsByOutcome()).containsEntry("answered", 1L);
    }

    @Test
    void aDueCallbackIsDialledOnceByOneOfTwoNodes() {
        long due = callbacks.add(Optional.empty(), "sip:+12125550100@198.51.100.7", MONDAY_1500_UTC.minusSeconds(5),
                "not now", MONDAY_1500_UTC.minusSeconds(3600));
        FakeCalls other = new FakeCalls();
        try (Database second = Database.open(tmp)) {
            CampaignDialer nodeB = new CampaignDialer(new CampaignDialer.Settings("node-b",
                    n -> Optional.of("sip:" + n + "@trunk.test"), Duration.ofMinutes(2), true, 2, Duration.ofMinutes(30),
                    new PhoneNumbers(""), ZoneId.of("UTC")), new CampaignStore(second), new LeadStore(second),
                    new CallbackStore(second), new DoNotCallStore(second), new CallStore(second), other,
                    InstantSource.fixed(now), Runnable::run);

            dialer("node-a", fake).tick();
            nodeB.tick();
        }

        assertThat(fake.placed.size() + other.placed.size()).isEqualTo(1);
        FakeCalls.Placement placement = fake.placed.get(0);
        assertThat(placement.uri()).isEqualTo("sip:+12125550100@trunk.test");
        assertThat(placement.scenario().lead().orElseThrow().interest()).isEqualTo("asked us to call you back");
        placement.finished().complete(noAnswer());
        assertThat(callbacks.status(due)).as("tried again later").contains("pending");
        assertThat(campaigns.callbackAttempts(due)).extracting(a -> a.outcome().orElseThrow()).containsExactly("no_answer");
    }

    @Test
    void aCallbackToANumberNowOnTheDoNotCallListIsCancelled() {
        long due = callbacks.add(Optional.empty(), "sip:+12125550100@198.51.100.7", MONDAY_1500_UTC.minusSeconds(5),
                "not now", MONDAY_1500_UTC.minusSeconds(3600));
        doNotCall.add("+12125550100", Optional.empty(), "stop calling", MONDAY_1500_UTC.minusSeconds(60));

        dialer("node-a", fake).tick();

        assertThat(fake.placed).isEmpty();
        assertThat(callbacks.status(due)).contains("cancelled");
    }

    @Test
    void aCallbackWhoseAddressHoldsNoPhoneNumberIsCancelledNotDialledAsSent() {
        calls.createCall(new CallRecord("in-1", Direction.INBOUND, "sip:x@192.0.2.9", "sip:candor@test", "in-1", now));
        long due = callbacks.add(Optional.of("in-1"), "sip:../../etc;x=1&y@198.51.100.7", MONDAY_1500_UTC.minusSeconds(5),
                "not now", MONDAY_1500_UTC.minusSeconds(3600));

        dialer("node-a", fake).tick();

        assertThat(fake.placed).as("the caller's raw URI is never a dial string").isEmpty();
        assertThat(callbacks.status(due)).contains("cancelled");
        assertThat(calls.decisions("in-1")).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo("callback_cancelled");
            assertThat(d.reason()).isEqualTo("no_dialable_number");
        });
    }
}
