package dev.candor.dialog.qualification;

import java.util.List;

/** A lead score, 0-100, and each reason that moved it, e.g. "timeline within a month: +20". */
public record LeadScore(int score, List<String> reasons) {
    public LeadScore {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("invalid score: " + score + " (expected 0-100)");
        }
        reasons = List.copyOf(reasons);
    }
}
