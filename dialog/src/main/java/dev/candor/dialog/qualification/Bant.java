package dev.candor.dialog.qualification;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BANT slots as filled from the caller's answers, each in the caller's words (trimmed). Also the
 * numbers the handoff policy needs: the seat count and the deal value, when the caller gave them.
 */
public record Bant(Optional<String> budget, Optional<String> authority, Optional<String> need,
                   Optional<String> timeline, Optional<Integer> seats, Optional<BigDecimal> budgetAmount,
                   Authority authorityLevel, Timeline timelineLevel, boolean enterpriseWide) {

    /** Who decides, as far as the caller said. */
    public enum Authority { UNKNOWN, DECIDES, SHARES, OTHERS_DECIDE }

    /** How soon, as far as the caller said. */
    public enum Timeline { UNKNOWN, WITHIN_A_MONTH, WITHIN_A_QUARTER, LATER, NO_PLAN }

    public static Bant empty() {
        return new Bant(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Authority.UNKNOWN, Timeline.UNKNOWN, false);
    }

    public Bant withBudget(String text, Optional<BigDecimal> amount) {
        return new Bant(Optional.of(text), authority, need, timeline, seats, amount.or(() -> budgetAmount),
                authorityLevel, timelineLevel, enterpriseWide);
    }

    public Bant withAuthority(String text, Authority level) {
        return new Bant(budget, Optional.of(text), need, timeline, seats, budgetAmount, level, timelineLevel,
                enterpriseWide);
    }

    public Bant withNeed(String text) {
        return new Bant(budget, authority, Optional.of(text), timeline, seats, budgetAmount, authorityLevel,
                timelineLevel, enterpriseWide);
    }

    public Bant withTimeline(String text, Timeline level) {
        return new Bant(budget, authority, need, Optional.of(text), seats, budgetAmount, authorityLevel, level,
                enterpriseWide);
    }

    public Bant withSeats(int count) {
        return new Bant(budget, authority, need, timeline, Optional.of(count), budgetAmount, authorityLevel,
                timelineLevel, enterpriseWide);
    }

    public Bant withEnterpriseWide() {
        return new Bant(budget, authority, need, timeline, seats, budgetAmount, authorityLevel, timelineLevel,
                true);
    }

    /** The slots as stored by {@code RecordQualification}: only those filled. */
    public Map<String, String> slots() {
        Map<String, String> slots = new LinkedHashMap<>();
        budget.ifPresent(v -> slots.put("budget", v));
        authority.ifPresent(v -> slots.put("authority", v));
        need.ifPresent(v -> slots.put("need", v));
        timeline.ifPresent(v -> slots.put("timeline", v));
        seats.ifPresent(v -> slots.put("seats", Integer.toString(v)));
        if (enterpriseWide) {
            slots.put("scope", "enterprise-wide");
        }
        return slots;
    }

    /** One line for a handoff summary: "budget $20,000; decides: yes; need: ...; timeline: ...". */
    public String describe() {
        if (slots().isEmpty()) {
            return "no BANT details yet";
        }
        StringBuilder b = new StringBuilder();
        slots().forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(": ").append(v));
        return b.toString();
    }
}
