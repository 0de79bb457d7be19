package dev.candor.app.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code candor campaign}, {@code candor user}...): run alone, it
 * prints its usage.
 */
abstract class CommandGroup implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
