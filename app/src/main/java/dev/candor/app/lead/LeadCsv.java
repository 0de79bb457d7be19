package dev.candor.app.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pure RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks
 * and doubled quotes; CRLF or LF line ends; blank lines skipped. The first record is the header.
 */
public final class LeadCsv {
    private LeadCsv() {
    }

    /** The records of {@code text}, the header first. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                endRecord(records, record, field, fieldStarted);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("invalid CSV: a quoted field is not closed (line " + line
                    + "; expected a closing \")");
        }
        endRecord(records, record, field, fieldStarted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field,
                                  boolean fieldStarted) {
        if (record.isEmpty() && field.length() == 0 && !fieldStarted) {
            return; // a blank line
        }
        record.add(field.toString());
        records.add(List.copyOf(record));
    }

    /** The index of {@code column} in {@code header} (case-insensitive, trimmed). */
    static Optional<Integer> column(List<String> header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(column)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
