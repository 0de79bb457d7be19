package dev.candor.dialog.qualification;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spoken numbers as a recogniser writes them ("forty agents", "twenty thousand dollars") to digits. */
public final class NumberWords {
    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90));
    private static final Pattern NUMBER = Pattern.compile(
            "\\b((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                    + "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
                    + "|hundred|thousand|and|a)[ -]?)+)\\b");

    private NumberWords() {
    }

    /** The text with runs of number words replaced by digits; other text unchanged, lower-cased. */
    public static String toDigits(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher m = NUMBER.matcher(lower);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group(1).strip();
            Integer value = parse(run);
            String replacement = value == null ? m.group(0) : value + (m.group(1).endsWith(" ") ? " " : "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Integer parse(String run) {
        int total = 0;
        int current = 0;
        boolean any = false;
        for (String w : run.split("[ -]+")) {
            if (UNITS.containsKey(w)) {
                current += UNITS.get(w);
                any = true;
            } else if (w.equals("hundred")) {
                current = Math.max(current, 1) * 100;
                any = true;
            } else if (w.equals("thousand")) {
                total += Math.max(current, 1) * 1000;
                current = 0;
                any = true;
            } else if (!w.equals("and") && !w.equals("a")) {
                return null;
            }
        }
        return any ? total + current : null;
    }
}
