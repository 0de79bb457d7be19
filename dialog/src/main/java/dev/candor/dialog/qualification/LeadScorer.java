package dev.candor.dialog.qualification;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a lead from BANT slots and conversation signals. It takes no {@link Lead}: name, gender, age,
 * ethnicity and location cannot influence the score because they never reach this class.
 *
 * <p>Points: need stated 20; authority 20 when the caller decides, 10 when shared, 5 when others decide;
 * budget stated 10, plus 10 when it covers at least {@code budgetThreshold}; timeline 25 within a month,
 * 15 within a quarter, 5 later; a booked callback 15; a product question 5 each (at most 10); each
 * objection −5; declining sets the score to at most 10.
 */
public final class LeadScorer {
    private final BigDecimal budgetThreshold;

    /** @param budgetThreshold the budget from which a lead counts as well funded */
    public LeadScorer(BigDecimal budgetThreshold) {
        this.budgetThreshold = budgetThreshold;
    }

    public LeadScore score(Bant bant, Signals signals) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        if (bant.need().isPresent()) {
            score += add(reasons, "need stated", 20);
        }
        score += switch (bant.authorityLevel()) {
            case DECIDES -> add(reasons, "caller decides", 20);
            case SHARES -> add(reasons, "caller shares the decision", 10);
            case OTHERS_DECIDE -> add(reasons, "others decide", 5);
            case UNKNOWN -> 0;
        };
        if (bant.budget().isPresent() && bant.budgetAmount().isPresent()) {
            score += add(reasons, "budget stated", 10);
            if (bant.budgetAmount().get().compareTo(budgetThreshold) >= 0) {
                score += add(reasons, "budget of at least " + budgetThreshold.toPlainString(), 10);
            }
        }
        score += switch (bant.timelineLevel()) {
            case WITHIN_A_MONTH -> add(reasons, "timeline within a month", 25);
            case WITHIN_A_QUARTER -> add(reasons, "timeline within a quarter", 15);
            case LATER -> add(reasons, "timeline later than a quarter", 5);
            case NO_PLAN, UNKNOWN -> 0;
        };
        if (signals.callbackBooked()) {
            score += add(reasons, "callback booked", 15);
        }
        int questions = Math.min(signals.questionsAsked(), 2);
        if (questions > 0) {
            score += add(reasons, questions + " product question" + (questions > 1 ? "s" : ""), 5 * questions);
        }
        if (signals.objections() > 0) {
            score += add(reasons, signals.objections() + " objection" + (signals.objections() > 1 ? "s" : ""),
                    -5 * signals.objections());
        }
        score = Math.max(0, Math.min(100, score));
        if (signals.notInterested() && score > 10) {
            reasons.add("declined: capped at 10");
            score = 10;
        }
        if (reasons.isEmpty()) {
            reasons.add("nothing learned yet");
        }
        return new LeadScore(score, reasons);
    }

    private static int add(List<String> reasons, String why, int points) {
        reasons.add(why + ": " + (points >= 0 ? "+" : "") + points);
        return points;
    }
}
