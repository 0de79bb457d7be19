package dev.candor.dialog.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Candor never claims to be human. A sentence that does ("I'm a real person", "I'm not a robot",
 * "you're speaking to a human") is replaced with the truth.
 */
public final class HonestyGuardrail implements SayGuardrail {
    static final String TRUTH = "I'm an AI assistant, not a person.";
    private static final Pattern CLAIMS_HUMAN = Pattern.compile(
            "(?i)\\b(i('m| am) (a |an )?(real |actual |live )?(human|person|human being)\\b"
                    + "|i('m| am) not (a |an )?(ai|robot|bot|machine|computer|program|virtual)\\b"
                    + "|(you're|you are) (speaking|talking) (to|with) (a |an )?(real |actual |live )?(human|person)\\b"
                    + "|this is (a |an )?(real |actual |live )?(human|person)\\b)");

    @Override
    public String name() {
        return "honesty";
    }

    @Override
    public GuardrailDecision check(String text) {
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String sentence : Sentences.split(text)) {
            if (CLAIMS_HUMAN.matcher(sentence).find()) {
                if (!out.contains(TRUTH)) {
                    out.add(TRUTH);
                }
                changed = true;
            } else {
                out.add(sentence);
            }
        }
        return changed ? new GuardrailDecision.Rewrite(Sentences.join(out), "claimed to be human") : GuardrailDecision.allow();
    }
}
