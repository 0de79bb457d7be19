/**
 * Leads: people Candor may call and callers it recognises. {@link dev.candor.app.lead.PhoneNumbers}
 * normalises numbers to E.164, {@link dev.candor.app.lead.LeadCsv} and
 * {@link dev.candor.app.lead.LeadImport} read lead lists, and {@link dev.candor.app.lead.CallerLookup}
 * finds the lead behind an inbound call. Storage is {@link dev.candor.app.storage.LeadStore}; nothing
 * here reaches the dialog's lead score with protected attributes (gender, age, location), which only
 * travel in {@link dev.candor.dialog.qualification.Lead} to brief the person who takes the call.
 */
package dev.candor.app.lead;
