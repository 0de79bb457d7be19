package dev.candor.dialog.llm;

import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.catalog.Catalog;
import dev.candor.dialog.catalog.CatalogEntry;

/** The system prompt: who Candor is, the rules, the scenario and the whole catalog. */
final class SystemPrompt {
    private SystemPrompt() {
    }

    static String build(ConversationSettings settings, Catalog catalog, Scenario scenario) {
        StringBuilder b = new StringBuilder();
        b.append("You are the AI phone assistant of ").append(settings.companyName()).append(". ")
                .append("You are an AI, not a person; say so if asked, and never claim to be human.\n")
                .append("Rules: reply in at most two short sentences (under 40 words) that can be spoken. ")
                .append("Be calm and plain; do not perform feelings or apologise at length; no exclamation marks. ")
                .append("If the caller asks for a person, call the handoff tool with reason caller_request at once. ")
                .append("If they ask not to be called again, call mark_do_not_call. ")
                .append("Only state prices, discounts and features that appear in the catalog below; ")
                .append("if something is not there, say you don't know and offer a person. ")
                .append("Qualify the lead by asking about need, who decides, budget and timeline, one question at a time, ")
                .append("and record answers with record_qualification. Offer to book a callback with schedule_callback.\n");
        if (scenario instanceof Scenario.Outbound out) {
            b.append("This is an outbound call to ").append(out.target().firstName().isBlank() ? "a lead" : out.target().firstName())
                    .append(", who ").append(out.target().interest().isBlank() ? "showed interest" : out.target().interest())
                    .append(". Ask whether now is a good time.\n");
        } else {
            b.append("This is an inbound call.\n");
        }
        b.append("Catalog:\n");
        for (CatalogEntry e : catalog.entries()) {
            b.append("- ").append(e.answer()).append('\n');
        }
        return b.toString();
    }
}
