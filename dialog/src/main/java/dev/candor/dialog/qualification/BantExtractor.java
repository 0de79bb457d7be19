package dev.candor.dialog.qualification;

import dev.candor.dialog.intent.Tokens;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills BANT slots from what the caller says: from the answer to the question just asked, and from
 * anything said along the way ("we have 40 agents", "I sign off on this", "by next month").
 */
public final class BantExtractor {
    private static final Pattern MONEY = Pattern.compile(
            "(?:\\$|usd\\s*|eur\\s*|€|£)\\s*(\\d[\\d,]*(?:\\.\\d+)?)\\s*(k|thousand|million|m)?"
                    + "|(\\d[\\d,]*(?:\\.\\d+)?)\\s*(k|thousand|million)?\\s*(?:dollars|usd|euros|eur|pounds|bucks)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEATS = Pattern.compile(
            "(\\d[\\d,]*)\\s*(?:seats|agents|users|people|reps|licen[cs]es|staff|employees|sales ?people|callers)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_NUMBER = Pattern.compile("\\b(\\d[\\d,]{0,6})\\b");
    private static final Pattern ENTERPRISE = Pattern.compile(
            "(company|enterprise|organi[sz]ation)[- ]wide|whole (company|organi[sz]ation|group)"
                    + "|all (of )?our (offices|sites|branches|locations|call cent(re|er)s)|every (office|branch|site)",
            Pattern.CASE_INSENSITIVE);

    /** Which slot the caller is answering, when Candor just asked for one. */
    public enum Slot { NEED, SEATS, AUTHORITY, BUDGET, TIMELINE }

    public Bant update(Bant bant, String utterance, Optional<Slot> asked) {
        String text = NumberWords.toDigits(utterance);
        String clipped = clip(utterance);
        Bant b = bant;
        Optional<BigDecimal> amount = money(text);
        if (amount.isPresent() || asked.equals(Optional.of(Slot.BUDGET))) {
            b = b.withBudget(clipped, amount);
        }
        Matcher seats = SEATS.matcher(text);
        Matcher bare = BARE_NUMBER.matcher(text);
        if (seats.find()) {
            b = b.withSeats(Integer.parseInt(seats.group(1).replace(",", "")));
        } else if (asked.equals(Optional.of(Slot.SEATS)) && amount.isEmpty() && bare.find()) {
            b = b.withSeats(Integer.parseInt(bare.group(1).replace(",", "")));
        }
        if (ENTERPRISE.matcher(text).find()) {
            b = b.withEnterpriseWide();
        }
        Bant.Authority authority = authority(Tokens.of(text));
        if (authority != Bant.Authority.UNKNOWN) {
            b = b.withAuthority(clipped, authority);
        } else if (asked.equals(Optional.of(Slot.AUTHORITY))) {
            b = b.withAuthority(clipped, Bant.Authority.UNKNOWN);
        }
        Bant.Timeline timeline = timeline(Tokens.of(text));
        if (timeline != Bant.Timeline.UNKNOWN || asked.equals(Optional.of(Slot.TIMELINE))) {
            b = b.withTimeline(clipped, timeline);
        }
        if (asked.equals(Optional.of(Slot.NEED)) || (b.need().isEmpty() && statesNeed(Tokens.of(text)))) {
            b = b.withNeed(clipped);
        }
        return b;
    }

    static Optional<BigDecimal> money(String text) {
        Matcher m = MONEY.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String digits = m.group(1) != null ? m.group(1) : m.group(3);
        String scale = m.group(1) != null ? m.group(2) : m.group(4);
        BigDecimal value = new BigDecimal(digits.replace(",", ""));
        if (scale != null) {
            String s = scale.toLowerCase(Locale.ROOT);
            value = value.multiply(BigDecimal.valueOf(s.startsWith("m") ? 1_000_000 : 1_000));
        }
        return Optional.of(value);
    }

    private static Bant.Authority authority(Tokens t) {
        if (t.hasAny("i decide", "i make the decision", "my decision", "i sign", "i am the decision maker",
                "i am the owner", "i own the", "i am the ceo", "i am the founder", "i have the final say",
                "i approve", "it is up to me", "up to me", "i am in charge")) {
            return Bant.Authority.DECIDES;
        }
        if (t.hasAny("my boss", "my manager", "the board", "our cfo", "the owner decides", "not my decision",
                "someone else decides", "procurement", "i need approval", "need to check with")) {
            return Bant.Authority.OTHERS_DECIDE;
        }
        if (t.hasAny("we decide together", "with my partner", "with my team", "together with", "me and my",
                "i and my", "committee", "jointly")) {
            return Bant.Authority.SHARES;
        }
        return Bant.Authority.UNKNOWN;
    }

    private static Bant.Timeline timeline(Tokens t) {
        if (t.hasAny("asap", "as soon as possible", "right away", "this week", "next week", "this month",
                "immediately", "urgently", "in two weeks", "in 2 weeks", "within a month", "in a month")) {
            return Bant.Timeline.WITHIN_A_MONTH;
        }
        if (t.hasAny("next month", "this quarter", "in 2 months", "in 3 months", "in two months",
                "in three months", "within three months", "within 3 months", "couple of months", "few weeks")) {
            return Bant.Timeline.WITHIN_A_QUARTER;
        }
        if (t.hasAny("next quarter", "next year", "later this year", "in 6 months", "in six months", "end of the year",
                "few months")) {
            return Bant.Timeline.LATER;
        }
        if (t.hasAny("no timeline", "no rush", "no plans", "just looking", "just browsing", "not sure when")) {
            return Bant.Timeline.NO_PLAN;
        }
        return Bant.Timeline.UNKNOWN;
    }

    private static boolean statesNeed(Tokens t) {
        return t.hasAny("we need", "i need", "looking for", "we want", "i want", "we are trying", "trying to",
                "we have a problem", "our problem", "help us", "we would like", "i would like");
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }
}
