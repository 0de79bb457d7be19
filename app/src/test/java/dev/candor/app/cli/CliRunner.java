package dev.candor.app.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the {@code candor} command line in-process on a test's data folder, capturing what it prints. */
final class CliRunner {
    private final Path dataDir;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    CliRunner(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Runs {@code args} with {@code data.dir} set to the test folder and country code 1; the exit code. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = CandorCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] withData = new String[args.length + 4];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--set";
        withData[args.length + 1] = "data.dir=" + dataDir;
        withData[args.length + 2] = "--set";
        withData[args.length + 3] = "leads.default-country-code=1";
        return cli.execute(withData);
    }
}
