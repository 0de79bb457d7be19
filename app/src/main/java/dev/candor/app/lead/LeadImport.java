package dev.candor.app.lead;

import dev.candor.app.storage.LeadStore.LeadData;
import dev.candor.app.storage.LeadStore.LeadRow;
import dev.candor.dialog.qualification.Lead;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns lead lists into {@link LeadData}: CSV with a header row, and the single-lead YAML/JSON file of
 * {@code candor chat --lead}. Columns: {@code phone} (required), {@code name}, {@code company},
 * {@code time_zone} (IANA; default {@code company.time-zone}), {@code vip} (true/false, yes/no, 1/0),
 * {@code interest}, {@code notes}; every other column ({@code gender}, {@code age}, {@code location},
 * anything) is kept as an attribute.
 */
public final class LeadImport {
    private static final Set<String> FIELDS = Set.of("phone", "name", "company", "time_zone", "vip", "interest",
            "notes");

    private final PhoneNumbers numbers;
    private final ZoneId defaultZone;

    /** What a list held: the leads that could be read, and one message per row that could not. */
    public record Result(List<LeadData> leads, List<String> errors) {
        public Result {
            leads = List.copyOf(leads);
            errors = List.copyOf(errors);
        }
    }

    public LeadImport(PhoneNumbers numbers, ZoneId defaultZone) {
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    /**
     * Reads a CSV lead list. A row with a number that cannot be normalised, an unknown time zone or a
     * bad vip value is left out and named in {@link Result#errors()}.
     *
     * @throws IllegalArgumentException when the text is not CSV or has no {@code phone} column
     */
    public Result fromCsv(String text) {
        List<List<String>> records = LeadCsv.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!header.contains("phone")) {
            throw new IllegalArgumentException("invalid lead CSV header: " + String.join(",", header)
                    + " (expected a phone column, e.g. phone,name,company,time_zone,vip)");
        }
        List<LeadData> leads = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            Map<String, String> row = new LinkedHashMap<>();
            List<String> values = records.get(r);
            for (int i = 0; i < header.size() && i < values.size(); i++) {
                row.put(header.get(i), values.get(i).strip());
            }
            try {
                leads.add(fromFields(row));
            } catch (IllegalArgumentException e) {
                errors.add("row " + (r + 1) + ": " + e.getMessage());
            }
        }
        return new Result(leads, errors);
    }

    /** A lead as {@code candor chat --lead FILE} reads it ({@code LeadFile}). */
    public LeadData fromLead(Lead lead) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("phone", lead.phone());
        row.put("name", lead.name());
        row.put("company", lead.company());
        row.put("interest", lead.interest());
        row.put("vip", String.valueOf(lead.vip()));
        row.put("gender", lead.gender());
        row.put("age", lead.age() == null ? "" : String.valueOf(lead.age()));
        row.put("location", lead.location());
        return fromFields(row);
    }

    private LeadData fromFields(Map<String, String> row) {
        String phone = row.getOrDefault("phone", "");
        String e164 = numbers.normalise(phone).orElseThrow(() -> new IllegalArgumentException(
                "invalid phone: \"" + phone + "\" (expected an E.164 number such as +15550100, or a national number"
                        + " with leads.default-country-code set)"));
        String zone = row.getOrDefault("time_zone", "");
        String timeZone = defaultZone.getId();
        if (!zone.isEmpty()) {
            try {
                timeZone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("invalid time_zone: \"" + zone
                        + "\" (expected an IANA zone such as America/New_York)");
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!FIELDS.contains(k) && !v.isEmpty()) {
                attributes.put(k, v);
            }
        });
        return new LeadData(e164, row.getOrDefault("name", ""), row.getOrDefault("company", ""), timeZone,
                vip(row.getOrDefault("vip", "")), row.getOrDefault("interest", ""), row.getOrDefault("notes", ""),
                attributes);
    }

    private static boolean vip(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "0", "n" -> false;
            case "true", "yes", "1", "y" -> true;
            default -> throw new IllegalArgumentException("invalid vip: \"" + text + "\" (expected true or false)");
        };
    }

    /**
     * The dialog's view of a stored lead: name and company to greet and to brief the agent, the VIP flag
     * for routing; gender, age and location only for the person who takes the call (the scorer never
     * reads them).
     */
    public static Lead toDialogLead(LeadRow row) {
        LeadData d = row.data();
        Integer age = Optional.ofNullable(d.attributes().get("age")).flatMap(LeadImport::integer).orElse(null);
        return new Lead(d.name(), d.company(), d.phone(), d.attributes().getOrDefault("gender", ""), age,
                d.attributes().getOrDefault("location", ""), d.interest(), d.vip());
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
