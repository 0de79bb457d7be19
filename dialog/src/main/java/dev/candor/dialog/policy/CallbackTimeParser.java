package dev.candor.dialog.policy;

import dev.candor.dialog.qualification.NumberWords;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the time a caller names ("tomorrow at three", "Tuesday 10am", "in two hours", "December 3rd
 * in the morning") into a date-time in the caller's time zone. Pure: "now" is passed in.
 *
 * <p>Rules: a day without a time means 10:00; morning 09:00, afternoon 14:00, evening 18:00; an hour
 * without am/pm is taken as business hours (1-7 → pm, 8-11 → am, 12 → noon); a weekday is the next
 * one after today; a time already past today means tomorrow.
 */
public final class CallbackTimeParser {
    private static final Pattern CLOCK = Pattern.compile(
            "\\b(?:at |around |about |by )?(\\d{1,2})(?::(\\d{2})| (\\d{2})(?= ?[ap]\\.?m))?\\s*(a\\.?m\\.?|p\\.?m\\.?|o'?clock)?(?=\\W|$)");
    private static final Pattern IN_DURATION = Pattern.compile("\\bin (\\d+|an|a|half an) (minutes?|hours?|days?|weeks?)\\b");
    private static final Pattern DAY_OF_MONTH = Pattern.compile(
            "\\b(january|february|march|april|may|june|july|august|september|october|november|december)"
                    + " (\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(?:the )?(\\d{1,2})(?:st|nd|rd|th) (?:of )?"
                    + "(january|february|march|april|may|june|july|august|september|october|november|december)?");

    private CallbackTimeParser() {
    }

    public static Optional<ZonedDateTime> parse(String utterance, ZonedDateTime now) {
        String text = NumberWords.toDigits(utterance.toLowerCase(Locale.ROOT))
                .replaceAll("\\b(noon|midday)\\b", "12 pm");
        Matcher in = IN_DURATION.matcher(text);
        if (in.find()) {
            return Optional.of(after(now, in.group(1), in.group(2)));
        }
        Optional<LocalDate> day = day(text, now.toLocalDate());
        Optional<LocalTime> time = time(text);
        if (day.isEmpty() && time.isEmpty()) {
            return Optional.empty();
        }
        LocalDate date = day.orElse(now.toLocalDate());
        ZonedDateTime when = ZonedDateTime.of(date, time.orElse(LocalTime.of(10, 0)), now.getZone());
        if (!when.isAfter(now)) {
            when = day.isPresent() && !date.equals(now.toLocalDate()) ? when.plusWeeks(1) : when.plusDays(1);
        }
        return Optional.of(when.truncatedTo(ChronoUnit.MINUTES));
    }

    private static ZonedDateTime after(ZonedDateTime now, String count, String unit) {
        long n = switch (count) {
            case "a", "an" -> 1;
            case "half an" -> 0;
            default -> Long.parseLong(count);
        };
        ZonedDateTime when = switch (unit.replaceAll("s$", "")) {
            case "minute" -> now.plusMinutes(n);
            case "hour" -> n == 0 ? now.plusMinutes(30) : now.plusHours(n);
            case "day" -> now.plusDays(n);
            default -> now.plusWeeks(n);
        };
        return when.truncatedTo(ChronoUnit.MINUTES);
    }

    private static Optional<LocalDate> day(String text, LocalDate today) {
        if (text.contains("day after tomorrow")) {
            return Optional.of(today.plusDays(2));
        }
        if (text.contains("tomorrow")) {
            return Optional.of(today.plusDays(1));
        }
        if (text.matches(".*\\b(today|tonight|this (morning|afternoon|evening)|later)\\b.*")) {
            return Optional.of(today);
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (text.matches(".*\\b" + name + "s?\\b.*")) {
                LocalDate next = today.with(TemporalAdjusters.next(d));
                return Optional.of(text.contains("next " + name) && next.minusDays(7).isAfter(today) ? next : next);
            }
        }
        if (text.contains("next week")) {
            return Optional.of(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
        }
        Matcher m = DAY_OF_MONTH.matcher(text);
        if (m.find()) {
            String monthName = m.group(1) != null ? m.group(1) : m.group(4);
            int dayOfMonth = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                return Optional.empty();
            }
            Month month = monthName == null ? today.getMonth() : Month.valueOf(monthName.toUpperCase(Locale.ROOT));
            LocalDate date = LocalDate.of(today.getYear(), month, Math.min(dayOfMonth, month.length(false)));
            if (date.isBefore(today)) {
                date = monthName == null ? date.plusMonths(1) : date.plusYears(1);
            }
            return Optional.of(date);
        }
        return Optional.empty();
    }

    private static Optional<LocalTime> time(String text) {
        Matcher m = CLOCK.matcher(text.replaceAll("\\b(\\d{1,2})(?:st|nd|rd|th)\\b", " "));
        while (m.find()) {
            String suffix = m.group(4);
            boolean marked = suffix != null || m.group(0).matches("\\s*(at|around|about|by) .*");
            if (!marked && m.group(2) == null) {
                continue; // a bare number ("40 agents") is not a time
            }
            int hour = Integer.parseInt(m.group(1));
            String minText = m.group(2) != null ? m.group(2) : m.group(3);
            int minute = minText == null ? 0 : Integer.parseInt(minText);
            if (hour > 23 || minute > 59) {
                continue;
            }
            if (suffix != null && suffix.startsWith("p") && hour < 12) {
                hour += 12;
            } else if (suffix != null && suffix.startsWith("a") && hour == 12) {
                hour = 0;
            } else if ((suffix == null || suffix.startsWith("o")) && hour >= 1 && hour <= 7) {
                hour += 12;
            }
            return Optional.of(LocalTime.of(hour, minute));
        }
        if (text.contains("morning")) {
            return Optional.of(LocalTime.of(9, 0));
        }
        if (text.contains("afternoon") || text.contains("after lunch")) {
            return Optional.of(LocalTime.of(14, 0));
        }
        if (text.contains("evening") || text.contains("tonight")) {
            return Optional.of(LocalTime.of(18, 0));
        }
        return Optional.empty();
    }
}
