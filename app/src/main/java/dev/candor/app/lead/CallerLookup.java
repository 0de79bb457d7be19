package dev.candor.app.lead;

import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.StorageException;
import dev.candor.dialog.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds the lead behind an inbound call: the number in P-Asserted-Identity when the call carries one
 * (RFC 3325, set by a trunk that vouches for it), else the user part of From. The number is only as
 * trustworthy as the caller ID; it decides who is greeted and briefed, never what a caller may do.
 */
public final class CallerLookup {
    private static final Logger log = LoggerFactory.getLogger(CallerLookup.class);

    private final LeadStore leads;
    private final PhoneNumbers numbers;

    public CallerLookup(LeadStore leads, PhoneNumbers numbers) {
        this.leads = Objects.requireNonNull(leads, "leads");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
    }

    /** The caller's number in E.164, from the asserted identity first, then From. */
    public Optional<String> callerNumber(Optional<String> assertedIdentity, String fromUri) {
        return assertedIdentity.flatMap(numbers::fromUri).or(() -> numbers.fromUri(fromUri));
    }

    /**
     * The inbound scenario for this caller: with their lead when the number is known. A storage failure
     * is logged and the call goes on as from an unknown caller.
     */
    public Scenario inbound(String callId, Optional<String> assertedIdentity, String fromUri) {
        Optional<String> number = callerNumber(assertedIdentity, fromUri);
        if (number.isEmpty()) {
            return Scenario.inbound();
        }
        try {
            Optional<LeadStore.LeadRow> lead = leads.findByPhone(number.get());
            lead.ifPresent(l -> log.info("call {}: caller is lead {}{}", callId, l.id(), l.data().vip() ? " (VIP)" : ""));
            return new Scenario.Inbound(lead.map(LeadImport::toDialogLead));
        } catch (StorageException e) {
            log.warn("call {}: cannot look the caller up among the leads: {}", callId, e.getMessage());
            return Scenario.inbound();
        }
    }
}
