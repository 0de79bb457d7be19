package dev.candor.app.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.call.Redaction;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.storage.DataSubjectStore;
import dev.candor.app.storage.DataSubjectStore.CallRef;
import dev.candor.app.storage.UserStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Export and erasure of everything about one phone number: its calls (turns, decisions, recordings and their
 * encrypted files), callbacks, lead (campaign entries, dial attempts) and do-not-call entries. Both are
 * written to the audit log with the number masked. Erasure keeps do-not-call entries: forgetting that someone
 * asked not to be called must never make Candor call them.
 */
public final class DataSubjects {
    /** Stored columns that are not the subject's data and stay out of the export. */
    private static final Set<String> INTERNAL_COLUMNS = Set.of("file_path", "key_id");
    /** Stored columns holding JSON text, exported as JSON. */
    private static final Set<String> JSON_COLUMNS = Set.of("details", "attributes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSubjectStore store;
    private final UserStore audit;
    private final PhoneNumbers numbers;
    private final Clock clock;

    public DataSubjects(DataSubjectStore store, UserStore audit, PhoneNumbers numbers, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The number in {@code input} ({@code +15550100002}, a national number with the default country code,
     * {@code sip:+15550100002@host}, {@code tel:...}) in E.164.
     *
     * @throws IllegalArgumentException naming the input when it holds no phone number
     */
    public String number(String input) {
        return numbers.fromUri(input).orElseThrow(() -> new IllegalArgumentException("invalid phone number: \""
                + (input == null ? "" : input.replaceAll("\\p{Cntrl}", "?")) + "\" (expected E.164 like +15550100002, "
                + "a national number when leads.default-country-code is set, or a sip:/tel: URI)"));
    }

    /**
     * Everything about the number as one JSON-ready document; audited as {@code export_subject} by {@code actor}.
     * Recordings are listed with the API path that serves each decrypted, never with their file or key.
     */
    public Map<String, Object> export(String input, String actor) {
        String e164 = number(input);
        DataSubjectStore.Rows rows = store.find(e164, matcher(e164));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("phone", e164);
        doc.put("exportedAt", clock.instant().toString());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Map<String, Object> call : rows.calls()) {
            Object id = call.get("id");
            Map<String, Object> c = fields(call);
            c.put("turns", belongingTo(rows.turns(), id));
            c.put("decisions", belongingTo(rows.decisions(), id));
            List<Map<String, Object>> recordings = belongingTo(rows.recordings(), id);
            recordings.forEach(r -> r.put("url", "/api/calls/" + id + "/recording"));
            c.put("recordings", recordings);
            calls.add(c);
        }
        doc.put("calls", calls);
        doc.put("callbacks", all(rows.callbacks()));
        doc.put("lead", rows.lead().map(DataSubjects::fields).orElse(null));
        doc.put("campaignEntries", all(rows.campaignEntries()));
        doc.put("dialAttempts", all(rows.dialAttempts()));
        doc.put("leadDecisions", all(rows.leadDecisions()));
        doc.put("doNotCall", all(rows.doNotCall()));
        audit.audit(actor, "export_subject", Redaction.number(e164), calls.size() + " calls, "
                + rows.callbacks().size() + " callbacks, " + (rows.lead().isPresent() ? 1 : 0) + " lead, "
                + rows.doNotCall().size() + " do-not-call", clock.instant());
        return doc;
    }

    /**
     * What an erasure removed. {@code doNotCallKept} entries stay on the do-not-call list;
     * {@code filesNotDeleted} names each recording file that could not be deleted and why.
     */
    public record Erasure(String phone, int calls, int turns, int decisions, int recordings, int recordingFilesDeleted,
                          List<String> filesNotDeleted, int callbacks, int leads, int campaignEntries,
                          int dialAttempts, int doNotCallKept) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phone", phone);
            m.put("calls", calls);
            m.put("turns", turns);
            m.put("decisions", decisions);
            m.put("recordings", recordings);
            m.put("recordingFilesDeleted", recordingFilesDeleted);
            m.put("filesNotDeleted", filesNotDeleted);
            m.put("callbacks", callbacks);
            m.put("leads", leads);
            m.put("campaignEntries", campaignEntries);
            m.put("dialAttempts", dialAttempts);
            m.put("doNotCallKept", doNotCallKept);
            m.put("note", "do-not-call entries are kept so the number is never called again");
            return m;
        }

        private String counts() {
            return "calls=" + calls + " turns=" + turns + " decisions=" + decisions + " recordings=" + recordings
                    + " files_deleted=" + recordingFilesDeleted + " files_not_deleted=" + filesNotDeleted.size()
                    + " callbacks=" + callbacks + " leads=" + leads + " campaign_entries=" + campaignEntries
                    + " dial_attempts=" + dialAttempts + " do_not_call_kept=" + doNotCallKept;
        }
    }

    /**
     * Erases everything about the number but its do-not-call entries, in one transaction, then deletes the
     * recording files; audited as {@code erase_subject} by {@code actor} with the number masked and the counts.
     *
     * @param inProgress whether a call of the number is still in progress
     * @throws DataSubjectStore.CallsInProgress when one is: nothing is erased
     */
    public Erasure erase(String input, String actor, Predicate<CallRef> inProgress) {
        String e164 = number(input);
        DataSubjectStore.Erased erased = store.erase(e164, matcher(e164), inProgress);
        int deleted = 0;
        List<String> notDeleted = new ArrayList<>();
        for (String file : erased.recordingFiles()) {
            try {
                if (Files.deleteIfExists(Path.of(file))) {
                    deleted++;
                }
            } catch (IOException | RuntimeException e) {
                notDeleted.add(file + ": " + e);
            }
        }
        Erasure result = new Erasure(e164, erased.calls(), erased.turns(), erased.decisions(), erased.recordings(),
                deleted, List.copyOf(notDeleted), erased.callbacks(), erased.leads(), erased.campaignEntries(),
                erased.dialAttempts(), erased.doNotCallKept());
        audit.audit(actor, "erase_subject", Redaction.number(e164), result.counts(), clock.instant());
        return result;
    }

    /**
     * For a process that cannot see the live calls (the command line): a call with no recorded end that
     * started less than {@code window} ago may be in progress on a running node.
     */
    public static Predicate<CallRef> unendedWithin(Instant now, Duration window) {
        return ref -> !ref.ended() && ref.startedAt().isAfter(now.minus(window));
    }

    private Predicate<String> matcher(String e164) {
        return stored -> stored != null && numbers.fromUri(stored).map(e164::equals).orElse(false);
    }

    private static List<Map<String, Object>> belongingTo(List<Map<String, Object>> rows, Object callId) {
        return all(rows.stream().filter(r -> Objects.equals(r.get("call_id"), callId)).toList());
    }

    private static List<Map<String, Object>> all(List<Map<String, Object>> rows) {
        return new ArrayList<>(rows.stream().map(DataSubjects::fields).toList());
    }

    /** A stored row with camelCase names, JSON columns as JSON, internal columns left out. */
    private static Map<String, Object> fields(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (INTERNAL_COLUMNS.contains(column)) {
                return;
            }
            Object v = value;
            if (JSON_COLUMNS.contains(column) && value instanceof String text) {
                try {
                    v = JSON.readTree(text);
                } catch (IOException e) {
                    v = text;
                }
            }
            m.put(camelCase(column), v);
        });
        return m;
    }

    private static String camelCase(String column) {
        StringBuilder b = new StringBuilder(column.length());
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return b.toString();
    }
}
