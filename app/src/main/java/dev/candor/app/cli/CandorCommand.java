package dev.candor.app.cli;

import dev.candor.app.CandorApplication;
import dev.candor.app.config.CandorConfig;
import dev.candor.app.config.ConfigException;
import dev.candor.app.config.ConfigLoader;
import dev.candor.app.config.ConfigPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** The {@code candor} command line. */
@Command(name = "candor", mixinStandardHelpOptions = true, version = "Candor 0.1.0",
        description = "A self-hosted voice sales agent that says it is an AI and hands callers to people.",
        subcommands = {CandorCommand.Run.class, CandorCommand.Config.class, ChatCommand.class,
                UserCommands.User.class, UserCommands.Token.class, CampaignCommands.Leads.class,
                CampaignCommands.Campaign.class, DataCommands.Data.class})
public final class CandorCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for {@link #main} and tests. */
    static CommandLine commandLine() {
        return new CommandLine(new CandorCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("candor: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every command that reads the configuration shares. */
    static final class ConfigOptions {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (optional).")
        Path file;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "Override one configuration key; repeatable (e.g. --set sip.port=5080).")
        List<String> sets = new ArrayList<>();

        CandorConfig load() {
            return ConfigLoader.load(Optional.ofNullable(file), System.getenv(), sets);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Answer calls: SIP on UDP, greeting, DTMF, handoff to a person.")
    static final class Run implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() throws Exception {
            CandorConfig config = options.load();
            CandorApplication app;
            try {
                app = CandorApplication.start(config);
            } catch (RuntimeException e) {
                System.err.println("candor: cannot start: " + describe(e));
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "candor-shutdown"));
            System.out.println("Candor is answering calls on UDP port " + app.sipAddress().getPort()
                    + ". Press Ctrl+C to stop.");
            stopped.await();
            return 0;
        }

        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (root instanceof java.net.BindException) {
                return message + " (is another SIP server using the port? set sip.port or stop it)";
            }
            return message;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "Print the effective configuration (defaults, file, environment, --set), secrets masked.")
    static final class Config implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(ConfigPrinter.toYaml(options.load()));
            out.flush();
            return 0;
        }
    }
}
