package dev.candor.app.cli;

import dev.candor.app.config.CandorConfig;
import dev.candor.app.dialog.ActionPrinter;
import dev.candor.app.dialog.DialogFactory;
import dev.candor.app.dialog.LeadFile;
import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.qualification.Lead;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code candor chat}: the dialog engine as text, with the same policy and guardrails as a call. One
 * caller line per input line, {@code dtmf:0} sends a digit, end of input hangs up.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talk to the dialog engine as text, with the same policy and guardrails as a call.",
                "One caller line per input line; a line dtmf:0 sends a digit; end of input hangs up."})
final class ChatCommand implements Callable<Integer> {
    @Mixin
    CandorCommand.ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where caller lines come from; tests replace it. */
    java.io.InputStream input = System.in;

    /** Where the API key's environment variable is looked up; tests replace it. */
    java.util.Map<String, String> environment = System.getenv();

    @Option(names = "--json", description = "Print every agent action as one JSON object per line.")
    boolean json;

    @CommandLine.ArgGroup(exclusive = true)
    Direction direction = new Direction();

    @Option(names = "--lead", paramLabel = "FILE",
            description = "Lead to call with --outbound (YAML or JSON: name, company, phone, interest, vip); "
                    + "a sample lead when omitted.")
    Path leadFile;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Catalog YAML to answer from (dialog.catalog).")
    Path catalog;

    @Option(names = "--llm", paramLabel = "PROVIDER",
            description = "Language model provider: none, openai or ollama (dialog.llm.provider).")
    String llm;

    static final class Direction {
        @Option(names = "--inbound", description = "A caller calls the company (the default).")
        boolean inbound;

        @Option(names = "--outbound", description = "Candor calls a lead (see --lead).")
        boolean outbound;
    }

    @Override
    public Integer call() throws IOException {
        List<String> sets = new ArrayList<>(options.sets);
        if (catalog != null) {
            sets.add("dialog.catalog=" + catalog);
        }
        if (llm != null) {
            sets.add("dialog.llm.provider=" + llm);
        }
        options.sets = sets;
        CandorConfig config = options.load();
        if (leadFile != null && !direction.outbound) {
            throw dev.candor.app.config.ConfigException.invalid("--lead", "\"" + leadFile + "\"", "--outbound with it");
        }
        Scenario scenario = direction.outbound
                ? Scenario.outbound(leadFile == null ? Lead.sample() : LeadFile.read(leadFile))
                : Scenario.inbound();
        try (DialogFactory dialog = DialogFactory.fromConfig(config, environment)) {
            return converse(dialog.newConversation(scenario, true));
        }
    }

    private int converse(Conversation conversation) throws IOException {
        Output out = new Output(new ActionPrinter(spec.commandLine().getOut(), json));
        if (out.printAll(conversation.start(out))) {
            return 0;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            CallerEvent event = event(line.strip());
            if (event == null) {
                continue;
            }
            if (out.printAll(conversation.onEvent(event, out))) {
                return 0;
            }
        }
        out.printAll(conversation.onEvent(new CallerEvent.Hangup()));
        return 0;
    }

    /**
     * Prints actions as they come: a streamed reply (language model) shows each sentence as soon as it is
     * written, the rest when the turn is over. Remembers whether the conversation is over (ended or
     * handed to a person).
     */
    private static final class Output implements Conversation.ActionSink {
        private final ActionPrinter printer;
        private boolean over;

        Output(ActionPrinter printer) {
            this.printer = printer;
        }

        @Override
        public boolean offer(AgentAction action) {
            printer.print(action);
            over |= action instanceof AgentAction.EndCall || action instanceof AgentAction.Handoff;
            return true;
        }

        boolean printAll(List<AgentAction> actions) {
            actions.forEach(this::offer);
            return over;
        }
    }

    private CallerEvent event(String line) {
        if (line.isEmpty()) {
            return null;
        }
        if (line.regionMatches(true, 0, "dtmf:", 0, 5)) {
            String digits = line.substring(5).strip();
            if (digits.length() != 1 || "0123456789*#ABCDabcd".indexOf(digits.charAt(0)) < 0) {
                spec.commandLine().getErr().println("candor: ignoring \"" + line + "\" (expected dtmf: and one of 0-9, *, #, A-D)");
                spec.commandLine().getErr().flush();
                return null;
            }
            return new CallerEvent.Dtmf(Character.toUpperCase(digits.charAt(0)));
        }
        return new CallerEvent.Utterance(line, 1.0);
    }
}
