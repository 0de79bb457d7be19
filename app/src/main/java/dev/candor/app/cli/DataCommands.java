package dev.candor.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.candor.app.config.CandorConfig;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.privacy.DataSubjects;
import dev.candor.app.storage.DataSubjectStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.UserStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code candor data export} and {@code candor data erase}: everything about one phone number, against the
 * database under {@code data.dir}. Both are written to the audit log as {@code cli:<os user>}.
 */
final class DataCommands {
    /** A call with no recorded end that started this recently may be live on a running node. */
    static final Duration POSSIBLY_LIVE = Duration.ofHours(12);

    private DataCommands() {
    }

    private static DataSubjects subjects(CandorConfig config, Database db) {
        return new DataSubjects(new DataSubjectStore(db), new UserStore(db),
                new PhoneNumbers(config.campaigns().defaultCountryCode()), Clock.systemUTC());
    }

    private static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "data", mixinStandardHelpOptions = true,
            description = "Export or erase everything Candor keeps about one phone number.",
            subcommands = {Export.class, Erase.class})
    static final class Data extends CommandGroup {
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write everything about a phone number as one JSON document: calls with turns, decisions "
                    + "and recordings (metadata and the API path that plays each), callbacks, lead, campaign "
                    + "entries, dial attempts, do-not-call entries.")
    static final class Export implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Option(names = "--phone", required = true, paramLabel = "NUMBER",
                description = "E.164 number (+15550100002), national number, or sip:/tel: URI.")
        String phone;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CandorConfig config = options.load();
            Map<String, Object> doc;
            try (Database db = Database.open(config.data().dir())) {
                doc = subjects(config, db).export(phone, actor());
            }
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
            if (out == null) {
                spec.commandLine().getOut().println(json);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("exported to " + out);
            }
            return 0;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase everything about a phone number (calls, turns, decisions, recordings and their "
                    + "files, callbacks, lead, campaign entries, dial attempts) in one transaction. Do-not-call "
                    + "entries are kept, so the number is never called again.")
    static final class Erase implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Option(names = "--phone", required = true, paramLabel = "NUMBER",
                description = "E.164 number (+15550100002), national number, or sip:/tel: URI.")
        String phone;

        @Option(names = "--yes", description = "Confirm: erasure cannot be undone.")
        boolean yes;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!yes) {
                err.println("candor: erasure cannot be undone; add --yes to erase everything about " + phone);
                return 2;
            }
            CandorConfig config = options.load();
            DataSubjects.Erasure erasure;
            try (Database db = Database.open(config.data().dir())) {
                DataSubjects subjects = subjects(config, db);
                try {
                    erasure = subjects.erase(phone, actor(),
                            DataSubjects.unendedWithin(Clock.systemUTC().instant(), POSSIBLY_LIVE));
                } catch (DataSubjectStore.CallsInProgress e) {
                    err.println("candor: nothing erased: call " + String.join(", ", e.callIds()) + " has no recorded "
                            + "end and started less than " + POSSIBLY_LIVE.toHours() + " hours ago, so it may be in "
                            + "progress; erase through the API (DELETE /api/subjects/{phone}), which sees live calls");
                    return 1;
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("erased " + erasure.calls() + " calls, " + erasure.turns() + " turns, " + erasure.decisions()
                    + " decisions, " + erasure.recordings() + " recordings (" + erasure.recordingFilesDeleted()
                    + " files deleted), " + erasure.callbacks() + " callbacks, " + erasure.leads() + " leads, "
                    + erasure.campaignEntries() + " campaign entries, " + erasure.dialAttempts() + " dial attempts");
            out.println("kept " + erasure.doNotCallKept() + " do-not-call entries, so the number is never called again");
            out.flush();
            erasure.filesNotDeleted().forEach(f -> err.println("candor: recording file not deleted: " + f));
            return erasure.filesNotDeleted().isEmpty() ? 0 : 1;
        }
    }
}
