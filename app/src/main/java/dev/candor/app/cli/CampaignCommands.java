package dev.candor.app.cli;

import dev.candor.app.campaign.CallingHours;
import dev.candor.app.campaign.CampaignSetup;
import dev.candor.app.config.CandorConfig;
import dev.candor.app.dialog.LeadFile;
import dev.candor.app.lead.LeadImport;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.CampaignStore.CampaignRow;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.LeadStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Leads and campaigns, kept in the database under {@code data.dir}. The commands write the database
 * directly; a running Candor (which shares it, WAL mode) sees a started or paused campaign on its
 * dialer's next tick.
 */
final class CampaignCommands {
    private CampaignCommands() {
    }

    private static LeadImport importer(CandorConfig config) {
        return new LeadImport(new PhoneNumbers(config.campaigns().defaultCountryCode()),
                ZoneId.of(config.company().timeZone()));
    }

    /** A CSV lead list, or the one-lead YAML/JSON file of {@code candor chat --lead}. */
    static LeadImport.Result read(Path file, LeadImport importer) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
            return new LeadImport.Result(List.of(importer.fromLead(LeadFile.read(file))), List.of());
        }
        return importer.fromCsv(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Command(name = "leads", mixinStandardHelpOptions = true, description = "Import and list leads.",
            subcommands = {ImportLeads.class, ListLeads.class})
    static final class Leads extends CommandGroup {
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import leads from a CSV file (header: phone,name,company,time_zone,vip,interest,notes, "
                    + "other columns kept as attributes) or a lead file (.yaml/.json as for candor chat --lead). "
                    + "A number already known updates its lead.")
    static final class ImportLeads implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CandorConfig config = options.load();
            LeadImport.Result result = read(file, importer(config));
            CampaignSetup.Imported imported;
            try (Database db = Database.open(config.data().dir())) {
                imported = CampaignSetup.save(new LeadStore(db), result, Instant.now());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(imported.leadIds().size() + " leads saved");
            imported.errors().forEach(e -> spec.commandLine().getErr().println("candor: " + file + ": " + e));
            return imported.errors().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List leads.")
    static final class ListLeads implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(options.load().data().dir())) {
                for (LeadStore.LeadRow l : new LeadStore(db).list(limit, 0)) {
                    out.printf("%d\t%s\t%s\t%s\t%s%s%n", l.id(), l.data().phone(), l.data().name(), l.data().company(),
                            l.data().timeZone(), l.data().vip() ? "\tVIP" : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "campaign", mixinStandardHelpOptions = true, description = "Create, start, pause and follow campaigns.",
            subcommands = {Create.class, Start.class, Pause.class, Status.class})
    static final class Campaign extends CommandGroup {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a campaign (in draft) with the leads of a CSV file, or with every lead.")
    static final class Create implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--leads", paramLabel = "FILE.csv", description = "Import these leads into the campaign "
                + "(default: every lead).")
        Path leads;

        @Option(names = "--hours", defaultValue = "09:00-17:00", description = "Calling hours in each lead's time zone.")
        String hours;

        @Option(names = "--days", defaultValue = "mon-fri", description = "Calling days: mon-fri, sat,sun, all...")
        String days;

        @Option(names = "--max-concurrent", defaultValue = "1", description = "Calls at once (all nodes).")
        int maxConcurrent;

        @Option(names = "--per-minute", defaultValue = "10", description = "Calls started per minute (all nodes).")
        int perMinute;

        @Option(names = "--max-attempts", defaultValue = "3", description = "Dials per lead.")
        int maxAttempts;

        @Option(names = "--retry-minutes", defaultValue = "60", description = "Delay before dialling again.")
        long retryMinutes;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CandorConfig config = options.load();
            CallingHours parsed = CallingHours.parse(hours, days);
            CampaignStore.Settings settings = new CampaignStore.Settings(name, parsed.start(), parsed.end(), parsed.days(),
                    maxConcurrent, perMinute, maxAttempts, Duration.ofMinutes(retryMinutes));
            Optional<String> csv = leads == null ? Optional.empty()
                    : Optional.of(Files.readString(leads, StandardCharsets.UTF_8));
            CampaignSetup.Created created;
            try (Database db = Database.open(config.data().dir())) {
                created = CampaignSetup.create(new CampaignStore(db), new LeadStore(db), importer(config), settings, csv,
                        Instant.now());
            }
            created.errors().forEach(e -> spec.commandLine().getErr().println("candor: " + leads + ": " + e));
            spec.commandLine().getOut().println("campaign " + created.id() + " (" + name + ") created with "
                    + created.leads() + " leads; start it with: candor campaign start " + created.id());
            if (config.campaigns().dialUri().isEmpty()) {
                spec.commandLine().getErr().println("candor: note: campaigns.dial-uri is empty, so no node can dial "
                        + "(expected e.g. sip:{number}@trunk.example.com)");
            }
            return 0;
        }
    }

    /** Starts or pauses; exit 1 when the campaign is missing or in the wrong state. */
    abstract static class Change implements Callable<Integer> {
        /** {@link CampaignStore#start} or {@link CampaignStore#pause}: false when the status does not allow it. */
        interface Transition {
            boolean apply(CampaignStore store, long id, Instant at);
        }

        private final String verb;
        private final Transition transition;

        @Mixin
        CandorCommand.ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Change(String verb, Transition transition) {
            this.verb = verb;
            this.transition = transition;
        }

        @Override
        public Integer call() {
            try (Database db = Database.open(options.load().data().dir())) {
                CampaignStore store = new CampaignStore(db);
                Optional<CampaignRow> row = store.find(id);
                if (row.isEmpty()) {
                    spec.commandLine().getErr().println("candor: no campaign " + id);
                    return 1;
                }
                if (!transition.apply(store, id, Instant.now())) {
                    spec.commandLine().getErr().println("candor: cannot " + verb + " campaign " + id + ": it is "
                            + row.get().status());
                    return 1;
                }
                spec.commandLine().getOut().println("campaign " + id + " " + store.find(id).orElseThrow().status());
                return 0;
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start or resume a campaign.")
    static final class Start extends Change {
        Start() {
            super("start", CampaignStore::start);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a campaign: no new dials; calls in progress go on.")
    static final class Pause extends Change {
        Pause() {
            super("pause", CampaignStore::pause);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every campaign, or one with its progress (leads by state, attempts by outcome).")
    static final class Status implements Callable<Integer> {
        @Mixin
        CandorCommand.ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID", arity = "0..1")
        Long id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(options.load().data().dir())) {
                CampaignStore store = new CampaignStore(db);
                List<CampaignRow> rows = id == null ? store.list() : store.find(id).stream().toList();
                if (id != null && rows.isEmpty()) {
                    spec.commandLine().getErr().println("candor: no campaign " + id);
                    return 1;
                }
                for (CampaignRow c : rows) {
                    CampaignStore.Settings s = c.settings();
                    CampaignStore.Progress p = store.progress(c.id());
                    out.printf("%d\t%s\t%s\thours %s-%s %s\tleads %s\tattempts %s%n", c.id(), s.name(), c.status(),
                            s.hoursStart(), s.hoursEnd(),
                            new CallingHours(s.hoursStart(), s.hoursEnd(), s.days()).describeDays(),
                            p.leadsByStatus(), p.attemptsByOutcome());
                }
            }
            return 0;
        }
    }
}
