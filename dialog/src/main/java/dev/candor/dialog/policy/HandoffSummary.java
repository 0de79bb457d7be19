package dev.candor.dialog.policy;

import dev.candor.dialog.Scenario;
import dev.candor.dialog.qualification.Bant;
import dev.candor.dialog.qualification.LeadScore;

/**
 * The brief for whoever takes a handed-over call, in three sentences: who the caller is and what they
 * want; the BANT slots and score; why they are being handed over.
 */
final class HandoffSummary {
    private HandoffSummary() {
    }

    static String of(Scenario scenario, String companyName, Bant bant, LeadScore score, String why) {
        String who = scenario.lead()
                .map(l -> (l.name().isBlank() ? "A known caller" : l.name())
                        + (l.company().isBlank() ? "" : " of " + l.company()))
                .orElse("An unidentified caller");
        String direction = scenario instanceof Scenario.Outbound ? " (outbound call from " : " (inbound call to ";
        String wants = bant.need().map(n -> ", wants: " + quote(n)).orElse(", need not stated yet");
        return clean(who) + direction + clean(companyName) + ")" + wants + ". "
                + "BANT: " + quote(bant.describe()) + "; lead score " + score.score() + ". "
                + "Handed over because " + quote(why) + ".";
    }

    /** Caller words inside a sentence: no sentence ends, no line breaks, not too long. */
    static String quote(String text) {
        String q = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[.!?]+(\\s|$)", ",$1").replaceAll("[.!?]", " ")
                .replaceAll(",\\s*$", "").strip();
        return q.length() <= 140 ? q : q.substring(0, 137) + "...";
    }

    private static String clean(String text) {
        return quote(text);
    }
}
