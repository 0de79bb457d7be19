package dev.candor.app.campaign;

import dev.candor.app.lead.LeadImport;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.CallbackStore.ClaimedCallback;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.CampaignStore.CampaignRow;
import dev.candor.app.storage.CampaignStore.Claim;
import dev.candor.app.storage.CampaignStore.Outcome;
import dev.candor.app.storage.DoNotCallStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.LeadStore.LeadRow;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.qualification.Lead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Dials running campaigns and due callbacks. {@link #tick()} runs on one scheduler thread (never a
 * Netty event loop): it renews the leases of this node's calls in progress, claims due leads of every
 * running campaign (the claim itself applies the campaign's limits over all nodes), skips numbers on the
 * do-not-call list (decision {@code do_not_call_skip}), gives back leads outside their calling hours until
 * the hours open, and places the rest; then claims due callbacks the same way. Call outcomes come back on
 * {@code executor}, the same thread, where the attempt is recorded and a retry scheduled.
 */
public final class CampaignDialer {
    private static final Logger log = LoggerFactory.getLogger(CampaignDialer.class);
    private static final int CALLBACKS_PER_TICK = 5;

    private final Settings settings;
    private final CampaignStore campaigns;
    private final LeadStore leads;
    private final CallbackStore callbacks;
    private final DoNotCallStore doNotCall;
    private final CallStore calls;
    private final OutboundCalls outbound;
    private final InstantSource clock;
    private final Executor executor;
    private final Map<Claim, Boolean> activeLeads = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> activeCallbacks = new ConcurrentHashMap<>();
    private boolean warnedNoDialUri;

    /**
     * @param nodeId this node's name in claims
     * @param dialUri a lead's E.164 number to the SIP URI that rings it; empty when campaigns cannot dial
     * @param lease how long a claim lasts unless renewed
     * @param callbacks whether due callbacks are dialled
     * @param defaultZone the time zone of a lead whose stored zone is not valid
     */
    public record Settings(String nodeId, Function<String, Optional<String>> dialUri, Duration lease, boolean callbacks,
                           int callbackMaxAttempts, Duration callbackRetry, PhoneNumbers numbers, ZoneId defaultZone) {
        public Settings {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(dialUri, "dialUri");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(callbackRetry, "callbackRetry");
            Objects.requireNonNull(numbers, "numbers");
            Objects.requireNonNull(defaultZone, "defaultZone");
        }
    }

    public CampaignDialer(Settings settings, CampaignStore campaigns, LeadStore leads, CallbackStore callbacks,
                          DoNotCallStore doNotCall, CallStore calls, OutboundCalls outbound, InstantSource clock,
                          Executor executor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.leads = Objects.requireNonNull(leads, "leads");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.doNotCall = Objects.requireNonNull(doNotCall, "doNotCall");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Calls this node has placed and not yet seen end (leads and callbacks). */
    public int callsInProgress() {
        return activeLeads.size() + activeCallbacks.size();
    }

    /** One round: renew, claim, skip or give back, dial. Errors are logged; the next tick tries again. */
    public void tick() {
        try {
            renewLeases();
            for (CampaignRow campaign : campaigns.running()) {
                dialCampaign(campaign);
            }
            if (settings.callbacks()) {
                dialCallbacks();
            }
        } catch (RuntimeException e) {
            log.error("campaign dialer tick failed: {}", e.toString(), e);
        }
    }

    private void renewLeases() {
        Instant until = clock.instant().plus(settings.lease());
        for (Claim claim : activeLeads.keySet()) {
            if (!campaigns.renewLease(claim, settings.nodeId(), until)) {
                log.warn("campaign {}: the claim on lead {} was lost while its call goes on", claim.campaignId(),
                        claim.leadId());
            }
        }
        for (long id : activeCallbacks.keySet()) {
            callbacks.renewLease(id, settings.nodeId(), until);
        }
    }

    private void dialCampaign(CampaignRow campaign) {
        Instant now = clock.instant();
        CallingHours hours = new CallingHours(campaign.settings().hoursStart(), campaign.settings().hoursEnd(),
                campaign.settings().days());
        if (settings.dialUri().apply("+15550100").isEmpty()) {
            if (!warnedNoDialUri) {
                warnedNoDialUri = true;
                log.warn("campaign {} is running but campaigns.dial-uri is empty (expected e.g. "
                        + "sip:{number}@trunk.example.com): not dialling", campaign.id());
            }
            return;
        }
        for (Claim claim : campaigns.claimDue(campaign.id(), settings.nodeId(), now, settings.lease())) {
            try {
                dialLead(campaign, hours, claim, now);
            } catch (RuntimeException e) {
                log.error("campaign {}: dialling lead {} failed: {}", campaign.id(), claim.leadId(), e.toString(), e);
                campaigns.complete(claim, settings.nodeId(), "failed", retryAt(campaign, claim.attemptsSoFar() + 1, now));
            }
        }
        if (campaigns.finishIfComplete(campaign.id(), now)) {
            log.info("campaign {} ({}) is done", campaign.id(), campaign.settings().name());
        }
    }

    private void dialLead(CampaignRow campaign, CallingHours hours, Claim claim, Instant now) {
        Optional<LeadRow> found = leads.find(claim.leadId());
        if (found.isEmpty()) {
            campaigns.skip(claim, settings.nodeId(), "erased");
            return;
        }
        LeadRow lead = found.get();
        if (doNotCall.contains(lead.data().phone())) {
            campaigns.skip(claim, settings.nodeId(), "do_not_call");
            calls.addLeadDecision(lead.id(), Optional.empty(), "do_not_call_skip", "on_do_not_call_list",
                    Map.of("campaign", campaign.id()), now);
            log.info("campaign {}: lead {} is on the do-not-call list: skipped", campaign.id(), lead.id());
            return;
        }
        ZoneId zone = zone(lead);
        if (!hours.allows(now, zone)) {
            campaigns.release(claim, settings.nodeId(), hours.nextOpening(now, zone));
            return;
        }
        String uri = settings.dialUri().apply(lead.data().phone()).orElseThrow();
        int attempt = claim.attemptsSoFar() + 1;
        OutboundCalls.Placed placed;
        try {
            placed = outbound.place(uri, Scenario.outbound(LeadImport.toDialogLead(lead)));
        } catch (IllegalArgumentException e) {
            log.warn("campaign {}: cannot dial lead {}: {}", campaign.id(), lead.id(), e.getMessage());
            long id = campaigns.startAttempt(Optional.of(claim), Optional.empty(), attempt, settings.nodeId(),
                    Optional.empty(), now);
            campaigns.finishAttempt(id, failed(), now);
            campaigns.complete(claim, settings.nodeId(), "failed", retryAt(campaign, attempt, now));
            return;
        }
        long attemptId = campaigns.startAttempt(Optional.of(claim), Optional.empty(), attempt, settings.nodeId(),
                Optional.of(placed.callId()), now);
        activeLeads.put(claim, true);
        log.info("campaign {}: dialling lead {} (attempt {}), call {}", campaign.id(), lead.id(), attempt,
                placed.callId());
        placed.finished().whenComplete((outcome, error) -> executor.execute(() -> {
            activeLeads.remove(claim);
            Outcome result = error == null ? outcome : failed();
            Instant end = clock.instant();
            campaigns.finishAttempt(attemptId, result, end);
            campaigns.complete(claim, settings.nodeId(), result.outcome(),
                    result.outcome().equals("answered") ? Optional.empty() : retryAt(campaign, attempt, end));
        }));
    }

    private Optional<Instant> retryAt(CampaignRow campaign, int attempt, Instant now) {
        return attempt < campaign.settings().maxAttempts()
                ? Optional.of(now.plus(campaign.settings().retryDelay())) : Optional.empty();
    }

    private ZoneId zone(LeadRow lead) {
        try {
            return ZoneId.of(lead.data().timeZone());
        } catch (DateTimeException e) {
            return settings.defaultZone();
        }
    }

    private static Outcome failed() {
        return new Outcome("failed", Optional.empty(), Optional.empty(), false, false);
    }

    private void dialCallbacks() {
        Instant now = clock.instant();
        for (ClaimedCallback callback : callbacks.claimDue(settings.nodeId(), now, settings.lease(), CALLBACKS_PER_TICK)) {
            try {
                dialCallback(callback, now);
            } catch (RuntimeException e) {
                log.error("callback {}: dialling failed: {}", callback.id(), e.toString(), e);
                callbackNotReached(callback, callback.attemptsSoFar() + 1, now);
            }
        }
    }

    private void dialCallback(ClaimedCallback callback, Instant now) {
        Optional<String> number = settings.numbers().fromUri(callback.phoneUri());
        if (doNotCall.contains(number.orElse(callback.phoneUri())) || doNotCall.contains(callback.phoneUri())) {
            callbacks.close(callback.id(), settings.nodeId(), true);
            callback.callId().ifPresent(callId -> calls.addDecision(callId, "callback_cancelled", "do_not_call",
                    Map.of("callback", callback.id()), now));
            log.info("callback {}: the number is on the do-not-call list: cancelled", callback.id());
            return;
        }
        // Only a number that normalises to E.164 is dialled, and only through campaigns.dial-uri: the
        // caller's own URI is whatever their phone sent, so it never becomes a dial string.
        Optional<String> dialable = number.flatMap(settings.dialUri());
        if (dialable.isEmpty()) {
            callbacks.close(callback.id(), settings.nodeId(), true);
            callback.callId().ifPresent(callId -> calls.addDecision(callId, "callback_cancelled", "no_dialable_number",
                    Map.of("callback", callback.id()), now));
            log.warn("callback {}: {}: cancelled", callback.id(), number.isEmpty()
                    ? "the caller's address holds no phone number" : "campaigns.dial-uri is not set");
            return;
        }
        String uri = dialable.get();
        Optional<LeadRow> known = number.flatMap(leads::findByPhone);
        Lead base = known.map(LeadImport::toDialogLead)
                .orElseGet(() -> new Lead("", "", number.orElse(""), "", null, "", "", false));
        Lead lead = new Lead(base.name(), base.company(), base.phone(), base.gender(), base.age(), base.location(),
                "asked us to call you back", base.vip());
        int attempt = callback.attemptsSoFar() + 1;
        callbacks.countAttempt(callback.id());
        OutboundCalls.Placed placed;
        try {
            placed = outbound.place(uri, Scenario.outbound(lead));
        } catch (IllegalArgumentException e) {
            log.warn("callback {}: cannot dial: {}", callback.id(), e.getMessage());
            long id = campaigns.startAttempt(Optional.empty(), Optional.of(callback.id()), attempt, settings.nodeId(),
                    Optional.empty(), now);
            campaigns.finishAttempt(id, failed(), now);
            callbackNotReached(callback, attempt, now);
            return;
        }
        long attemptId = campaigns.startAttempt(Optional.empty(), Optional.of(callback.id()), attempt,
                settings.nodeId(), Optional.of(placed.callId()), now);
        activeCallbacks.put(callback.id(), true);
        log.info("callback {}: dialling (attempt {}), call {}", callback.id(), attempt, placed.callId());
        placed.finished().whenComplete((outcome, error) -> executor.execute(() -> {
            activeCallbacks.remove(callback.id());
            Outcome result = error == null ? outcome : failed();
            Instant end = clock.instant();
            campaigns.finishAttempt(attemptId, result, end);
            if (result.outcome().equals("answered")) {
                callbacks.close(callback.id(), settings.nodeId(), false);
            } else {
                callbackNotReached(callback, attempt, end);
            }
        }));
    }

    private void callbackNotReached(ClaimedCallback callback, int attempt, Instant now) {
        if (attempt < settings.callbackMaxAttempts()) {
            callbacks.retry(callback.id(), settings.nodeId(), now.plus(settings.callbackRetry()));
        } else {
            callbacks.close(callback.id(), settings.nodeId(), true);
            callback.callId().ifPresent(callId -> calls.addDecision(callId, "callback_cancelled", "not_reached",
                    Map.of("callback", callback.id(), "attempts", attempt), now));
        }
    }
}
