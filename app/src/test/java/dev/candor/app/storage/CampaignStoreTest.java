package dev.candor.app.storage;

import dev.candor.app.storage.CampaignStore.Claim;
import dev.candor.app.storage.LeadStore.LeadData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims against a real SQLite file shared by two {@link Database} connections, as two Candor nodes share
 * one database: a lead is claimed by one node only, within the campaign's limits over both nodes.
 */
class CampaignStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @TempDir
    Path tmp;
    private Database nodeA;
    private Database nodeB;

    @BeforeEach
    void open() {
        nodeA = Database.open(tmp);
        nodeB = Database.open(tmp);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    private long campaignWithLeads(int leads, int maxConcurrent, int maxPerMinute) {
        LeadStore store = new LeadStore(nodeA);
        for (int i = 0; i < leads; i++) {
            store.upsert(new LeadData(String.format("+1555555%04d", i), "Lead " + i, "", "UTC", false, "", "", Map.of()), T0);
        }
        CampaignStore campaigns = new CampaignStore(nodeA);
        long id = campaigns.create(new CampaignStore.Settings("c" + System.nanoTime(), LocalTime.of(9, 0),
                LocalTime.of(17, 0), EnumSet.allOf(DayOfWeek.class), maxConcurrent, maxPerMinute, 3,
                Duration.ofMinutes(30)), T0);
        campaigns.addAllLeads(id, T0);
        assertThat(campaigns.start(id, T0)).isTrue();
        return id;
    }

    @Test
    void twoNodesClaimingAtOnceNeverGetTheSameLead() throws Exception {
        long id = campaignWithLeads(200, 5, 10_000);
        CampaignStore a = new CampaignStore(nodeA);
        CampaignStore b = new CampaignStore(nodeB);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<List<Long>> byA = threads.submit(() -> claimRepeatedly(a, "node-a", id, go));
            Future<List<Long>> byB = threads.submit(() -> claimRepeatedly(b, "node-b", id, go));
            go.countDown();
            List<Long> leadsA = byA.get();
            List<Long> leadsB = byB.get();

            Set<Long> overlap = new HashSet<>(leadsA);
            overlap.retainAll(leadsB);
            assertThat(overlap).as("leads claimed by both nodes").isEmpty();
            assertThat(leadsA.size() + leadsB.size()).isEqualTo(200);
            assertThat(new HashSet<>(leadsA)).hasSize(leadsA.size());
            assertThat(leadsA).as("both nodes got work").isNotEmpty();
            assertThat(leadsB).isNotEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Long> claimRepeatedly(CampaignStore store, String node, long id, CountDownLatch go)
            throws InterruptedException {
        go.await();
        List<Long> mine = new ArrayList<>();
        for (int round = 0; round < 2000 && mine.size() < 200; round++) {
            for (Claim c : store.claimDue(id, node, T0, LEASE)) {
                mine.add(c.leadId());
                store.complete(c, node, "answered", Optional.empty()); // frees the slot for the next claim
            }
        }
        return Collections.unmodifiableList(mine);
    }

    @Test
    void maxConcurrentCallsHoldsAcrossNodes() {
        long id = campaignWithLeads(10, 3, 100);
        CampaignStore a = new CampaignStore(nodeA);
        CampaignStore b = new CampaignStore(nodeB);

        List<Claim> first = a.claimDue(id, "node-a", T0, LEASE);
        List<Claim> second = b.claimDue(id, "node-b", T0, LEASE);

        assertThat(first).hasSize(3);
        assertThat(second).as("no room left: three calls in progress").isEmpty();
        a.complete(first.get(0), "node-a", "answered", Optional.empty());
        assertThat(b.claimDue(id, "node-b", T0.plusSeconds(1), LEASE)).hasSize(1);
    }

    @Test
    void maxCallsPerMinuteCountsEveryNodesClaims() {
        long id = campaignWithLeads(10, 100, 4);
        CampaignStore a = new CampaignStore(nodeA);
        CampaignStore b = new CampaignStore(nodeB);

        List<Claim> claimed = new ArrayList<>(a.claimDue(id, "node-a", T0, LEASE));
        claimed.forEach(c -> a.complete(c, "node-a", "answered", Optional.empty()));
        assertThat(claimed).hasSize(4);
        assertThat(b.claimDue(id, "node-b", T0.plusSeconds(30), LEASE)).as("within the same minute").isEmpty();
        assertThat(b.claimDue(id, "node-b", T0.plusSeconds(61), LEASE)).as("a minute later").hasSize(4);
    }

    @Test
    void aPausedCampaignIsNotDialledAndResumesWhereItStopped() {
        long id = campaignWithLeads(3, 1, 100);
        CampaignStore a = new CampaignStore(nodeA);
        assertThat(a.pause(id, T0)).isTrue();

        assertThat(a.claimDue(id, "node-a", T0, LEASE)).isEmpty();
        assertThat(a.start(id, T0)).isTrue();
        assertThat(a.claimDue(id, "node-a", T0, LEASE)).hasSize(1);
        assertThat(a.start(id, T0)).as("already running").isFalse();
    }

    @Test
    void aClaimWhoseLeaseRanOutGoesToAnotherNode() {
        long id = campaignWithLeads(1, 1, 100);
        CampaignStore a = new CampaignStore(nodeA);
        CampaignStore b = new CampaignStore(nodeB);
        Claim held = a.claimDue(id, "node-a", T0, LEASE).get(0);

        assertThat(b.claimDue(id, "node-b", T0.plus(LEASE).minusSeconds(1), LEASE)).as("lease still running").isEmpty();
        assertThat(a.renewLease(held, "node-a", T0.plus(LEASE).plusSeconds(60))).isTrue();
        assertThat(b.claimDue(id, "node-b", T0.plus(LEASE).plusSeconds(1), LEASE)).as("renewed").isEmpty();
        List<Claim> taken = b.claimDue(id, "node-b", T0.plus(LEASE).plusSeconds(61), LEASE);

        assertThat(taken).extracting(Claim::leadId).containsExactly(held.leadId());
        assertThat(a.renewLease(held, "node-a", T0.plus(LEASE).plusSeconds(120))).as("node-a lost it").isFalse();
    }

    @Test
    void theAttemptOfANodeThatStoppedMidCallIsClosedAsInterruptedWhenAnotherNodeTakesTheLead() {
        long id = campaignWithLeads(1, 1, 100);
        CampaignStore a = new CampaignStore(nodeA);
        CampaignStore b = new CampaignStore(nodeB);
        Claim held = a.claimDue(id, "node-a", T0, LEASE).get(0);
        long lost = a.startAttempt(Optional.of(held), Optional.empty(), 1, "node-a", Optional.empty(), T0);
        // node-a dies here: no renewal, no outcome.
        assertThat(b.progress(id).attemptsByOutcome()).containsEntry("in_progress", 1L);

        Instant later = T0.plus(LEASE).plusSeconds(1);
        Claim taken = b.claimDue(id, "node-b", later, LEASE).get(0);

        assertThat(b.attempts(id)).filteredOn(r -> r.id() == lost).singleElement().satisfies(r -> {
            assertThat(r.outcome()).contains("interrupted");
            assertThat(r.endReason()).contains("node_lost");
            assertThat(r.endedAt()).contains(later);
        });
        assertThat(b.progress(id).attemptsByOutcome()).containsEntry("interrupted", 1L).doesNotContainKey("in_progress");
        // node-b's own attempt is left alone by later claims while its lease runs.
        long mine = b.startAttempt(Optional.of(taken), Optional.empty(), 2, "node-b", Optional.empty(), later);
        b.claimDue(id, "node-b", later.plusSeconds(30), LEASE);
        assertThat(b.attempts(id)).filteredOn(r -> r.id() == mine).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEmpty());
    }

    @Test
    void aRetryWaitsForItsTimeAndTheCampaignIsDoneWhenEveryLeadIs() {
        long id = campaignWithLeads(1, 1, 100);
        CampaignStore a = new CampaignStore(nodeA);
        Claim claim = a.claimDue(id, "node-a", T0, LEASE).get(0);
        a.startAttempt(Optional.of(claim), Optional.empty(), 1, "node-a", Optional.empty(), T0);
        a.complete(claim, "node-a", "no_answer", Optional.of(T0.plus(Duration.ofMinutes(30))));

        CampaignStore.LeadState state = a.leadState(id, claim.leadId()).orElseThrow();
        assertThat(state.status()).isEqualTo("pending");
        assertThat(state.attempts()).isEqualTo(1);
        assertThat(state.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(state.lastOutcome()).contains("no_answer");
        assertThat(a.claimDue(id, "node-a", T0.plus(Duration.ofMinutes(29)), LEASE)).isEmpty();
        assertThat(a.finishIfComplete(id, T0)).isFalse();
        Claim again = a.claimDue(id, "node-a", T0.plus(Duration.ofMinutes(30)), LEASE).get(0);
        assertThat(again.attemptsSoFar()).isEqualTo(1);
        a.complete(again, "node-a", "answered", Optional.empty());
        assertThat(a.finishIfComplete(id, T0.plus(Duration.ofMinutes(31)))).isTrue();
        assertThat(a.find(id).orElseThrow().status()).isEqualTo("done");
    }

    @Test
    void twoNodesNeverClaimTheSameCallback() {
        CallbackStore a = new CallbackStore(nodeA);
        CallbackStore b = new CallbackStore(nodeB);
        long due = a.add(Optional.empty(), "sip:+15555550100@trunk", T0.minusSeconds(1), "not now", T0.minusSeconds(60));
        a.add(Optional.empty(), "sip:+15555550101@trunk", T0.plusSeconds(3600), "later", T0.minusSeconds(60));

        List<CallbackStore.ClaimedCallback> byA = a.claimDue("node-a", T0, LEASE, 5);
        List<CallbackStore.ClaimedCallback> byB = b.claimDue("node-b", T0, LEASE, 5);

        assertThat(byA).extracting(CallbackStore.ClaimedCallback::id).containsExactly(due);
        assertThat(byB).isEmpty();
        b.retry(due, "node-b", T0.plusSeconds(10));
        assertThat(a.status(due)).contains("pending");
        a.retry(due, "node-a", T0.plusSeconds(1800));
        assertThat(b.claimDue("node-b", T0.plusSeconds(60), LEASE, 5)).as("rescheduled").isEmpty();
        assertThat(b.claimDue("node-b", T0.plusSeconds(1800), LEASE, 5)).hasSize(1);
        b.close(due, "node-b", false);
        assertThat(a.status(due)).contains("done");
    }
}
