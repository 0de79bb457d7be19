package dev.candor.app.campaign;

import dev.candor.app.lead.LeadImport;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.LeadStore.LeadData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creating campaigns and importing leads, shared by the command line and the API. */
public final class CampaignSetup {
    private CampaignSetup() {
    }

    /** Leads saved (by id) and the rows that could not be read. */
    public record Imported(List<Long> leadIds, List<String> errors) {
        public Imported {
            leadIds = List.copyOf(leadIds);
            errors = List.copyOf(errors);
        }
    }

    /** A new campaign, how many leads it holds, and the CSV rows left out. */
    public record Created(long id, int leads, List<String> errors) {
        public Created {
            errors = List.copyOf(errors);
        }
    }

    /** Saves the leads that could be read (a number already known updates its lead). */
    public static Imported save(LeadStore leads, LeadImport.Result result, Instant at) {
        List<Long> ids = new ArrayList<>();
        for (LeadData lead : result.leads()) {
            ids.add(leads.upsert(lead, at));
        }
        return new Imported(ids, result.errors());
    }

    /**
     * Creates a campaign in draft with the leads of {@code csv} (imported into {@code leads} first), or
     * with every lead when there is no CSV.
     */
    public static Created create(CampaignStore campaigns, LeadStore leads, LeadImport importer,
                                 CampaignStore.Settings settings, Optional<String> csv, Instant at) {
        Imported imported = csv.map(text -> save(leads, importer.fromCsv(text), at))
                .orElse(new Imported(List.of(), List.of()));
        long id = campaigns.create(settings, at);
        int added = csv.isPresent() ? campaigns.addLeads(id, imported.leadIds(), at) : campaigns.addAllLeads(id, at);
        return new Created(id, added, imported.errors());
    }
}
