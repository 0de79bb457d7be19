package dev.candor.app.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When a campaign may ring a lead: from {@code start} (inclusive) to {@code end} (exclusive) on
 * {@code days}, read in the lead's own time zone, so one campaign calls New York and London each in
 * their afternoon. Pure: the time is always passed in.
 */
public record CallingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) {
    public CallingHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        days = Set.copyOf(Objects.requireNonNull(days, "days"));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("invalid calling hours: " + start + "-" + end
                    + " (expected a start before the end, e.g. 09:00-17:00)");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("invalid calling days: none (expected e.g. mon-fri)");
        }
    }

    /** Whether a lead in {@code zone} may be rung at {@code at}. */
    public boolean allows(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }

    /** {@code at} when allowed, else the next moment the hours open for a lead in {@code zone}. */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (allows(at, zone)) {
            return at;
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        for (int d = 0; d <= 7; d++) {
            LocalDate date = today.plusDays(d);
            if (days.contains(date.getDayOfWeek())) {
                Instant opening = ZonedDateTime.of(date, start, zone).toInstant();
                if (opening.isAfter(at)) {
                    return opening;
                }
            }
        }
        throw new IllegalStateException("no opening within a week for " + this); // unreachable: days is not empty
    }

    /**
     * Parses {@code 09:00-17:00}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static CallingHours parse(String hours, String days) {
        String[] parts = hours.strip().split("-");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return new CallingHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()), parseDays(days));
        } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("invalid calling")) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("invalid calling hours: \"" + hours + "\" (expected HH:MM-HH:MM, e.g. 09:00-17:00)");
        }
    }

    /**
     * Parses days: {@code mon-fri}, {@code mon,wed,fri}, {@code sat-sun} or {@code all}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Set<DayOfWeek> parseDays(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : s.split(",")) {
            String[] range = item.strip().split("-");
            if (range.length == 1) {
                days.add(day(range[0], text));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0], text);
                DayOfWeek to = day(range[1], text);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw badDays(text);
            }
        }
        return days;
    }

    private static DayOfWeek day(String name, String text) {
        String n = name.strip();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (n.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(n)) {
                return d;
            }
        }
        throw badDays(text);
    }

    private static IllegalArgumentException badDays(String text) {
        return new IllegalArgumentException("invalid calling days: \"" + text
                + "\" (expected day names or ranges such as mon-fri, sat,sun or all)");
    }

    /** {@code mon-fri}-style text for these days (a list of names). */
    public String describeDays() {
        return String.join(",", days.stream().sorted()
                .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList());
    }
}
