package dev.candor.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CandorCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CandorCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void configPrintsTheEffectiveConfigurationWithOverrides() {
        int code = run("config", "--set", "sip.port=5080", "--set", "company.name=Northwind",
                "--set", "dialog.llm.api-key-env=NORTHWIND_LLM_KEY");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("port: 5080").contains("Northwind").contains("api-key-env: NORTHWIND_LLM_KEY");
    }

    @Test
    void anApiKeyGivenOnTheCommandLineIsRejectedWithoutBeingEchoed() {
        int code = run("config", "--set", "dialog.llm.api-key=sk-secret-value");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("dialog.llm.api-key").doesNotContain("sk-secret-value");
        assertThat(out.toString()).doesNotContain("sk-secret-value");
    }

    @Test
    void aBadValueStopsWithOneLineNamingTheKeyAndTheExpectation() {
        int code = run("config", "--set", "sip.port=70000");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("candor: invalid sip.port").contains("70000")
                .contains("expected").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void anUnknownKeyIsRejected() {
        assertThat(run("config", "--set", "sip.prot=5060")).isEqualTo(2);
        assertThat(err.toString()).contains("sip.prot");
    }
}
