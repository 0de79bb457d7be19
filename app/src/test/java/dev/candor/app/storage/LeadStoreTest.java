package dev.candor.app.storage;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leads in a real SQLite file: one per number, updated on re-import, erased with everything kept about them. */
class LeadStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path tmp;
    private Database db;
    private LeadStore leads;

    @BeforeEach
    void open() {
        db = Database.open(tmp);
        leads = new LeadStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static LeadData lead(String phone, String name, boolean vip) {
        return new LeadData(phone, name, "Reyes Logistics", "America/Chicago", vip, "asked for a demo", "",
                Map.of("gender", "female", "age", "41"));
    }

    @Test
    void aLeadIsFoundByItsNumberWithItsAttributes() {
        long id = leads.upsert(lead("+15555550142", "Dana Reyes", true), T0);

        LeadStore.LeadRow row = leads.findByPhone("+15555550142").orElseThrow();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.data().name()).isEqualTo("Dana Reyes");
        assertThat(row.data().vip()).isTrue();
        assertThat(row.data().timeZone()).isEqualTo("America/Chicago");
        assertThat(row.data().attributes()).containsEntry("gender", "female").containsEntry("age", "41");
        assertThat(leads.findByPhone("+15555550143")).isEmpty();
    }

    @Test
    void importingANumberAgainUpdatesTheSameLead() {
        long first = leads.upsert(lead("+15555550142", "Dana Reyes", false), T0);
        long second = leads.upsert(lead("+15555550142", "Dana R. Reyes", true), T0.plusSeconds(60));

        assertThat(second).isEqualTo(first);
        LeadStore.LeadRow row = leads.find(first).orElseThrow();
        assertThat(row.data().name()).isEqualTo("Dana R. Reyes");
        assertThat(row.data().vip()).isTrue();
        assertThat(row.createdAt()).isEqualTo(T0);
        assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(leads.count()).isEqualTo(1);
    }

    @Test
    void onlyE164NumbersAreStored() {
        assertThatThrownBy(() -> lead("555-0142", "x", false))
                .hasMessageContaining("invalid lead phone: \"555-0142\"").hasMessageContaining("E.164");
    }

    @Test
    void erasingALeadRemovesItsCampaignEntriesAttemptsAndDecisions() {
        long id = leads.upsert(lead("+15555550142", "Dana Reyes", false), T0);
        CampaignStore campaigns = new CampaignStore(db);
        long campaign = campaigns.create(new CampaignStore.Settings("spring", LocalTime.of(9, 0), LocalTime.of(17, 0),
                EnumSet.allOf(DayOfWeek.class), 1, 10, 3, Duration.ofHours(1)), T0);
        campaigns.addAllLeads(campaign, T0);
        campaigns.startAttempt(Optional.of(new CampaignStore.Claim(campaign, id, 0)), Optional.empty(), 1, "n1",
                Optional.empty(), T0);
        CallStore calls = new CallStore(db);
        calls.addLeadDecision(id, Optional.empty(), "do_not_call_skip", "on_do_not_call_list", Map.of(), T0);

        assertThat(leads.delete(id)).isTrue();

        assertThat(leads.find(id)).isEmpty();
        assertThat(campaigns.leadState(campaign, id)).isEmpty();
        assertThat(campaigns.attempts(campaign)).isEmpty();
        assertThat(calls.leadDecisions(id)).isEmpty();
        assertThat(leads.delete(id)).isFalse();
    }

    @Test
    void leadDecisionsNeedNoCallButCallDecisionsStillDo() {
        long id = leads.upsert(lead("+15555550142", "Dana Reyes", false), T0);
        CallStore calls = new CallStore(db);

        calls.addLeadDecision(id, Optional.empty(), "do_not_call_skip", "on_do_not_call_list", Map.of("campaign", 1), T0);

        assertThat(calls.leadDecisions(id)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("do_not_call_skip");
            assertThat(d.reason()).isEqualTo("on_do_not_call_list");
            assertThat(d.detailsJson()).contains("\"campaign\":1");
        });
        assertThat(List.of(db.schemaVersion())).containsExactly(Migrations.fromClasspath().latestVersion());
    }
}
