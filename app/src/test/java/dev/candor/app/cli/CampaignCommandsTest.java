package dev.candor.app.cli;

import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.LeadStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code candor leads} and {@code candor campaign} against a real data folder. */
class CampaignCommandsTest {
    @TempDir
    Path tmp;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        CliRunner cli = new CliRunner(tmp.resolve("data"));
        int code = cli.run(args);
        out = cli.out;
        err = cli.err;
        return code;
    }

    @Test
    void leadsAreImportedFromCsvAndFromALeadFile() throws Exception {
        Path csv = Files.writeString(tmp.resolve("leads.csv"),
                "phone,name,company,vip\n(555) 555-0142,Dana Reyes,Reyes Logistics,true\nnot-a-number,X,,\n");
        Path yaml = Files.writeString(tmp.resolve("lead.yaml"), "name: Sam Lee\nphone: \"+15555550199\"\nvip: false\n");

        assertThat(run("leads", "import", csv.toString())).as("a row was rejected").isEqualTo(1);
        assertThat(out.toString()).contains("1 leads saved");
        assertThat(err.toString()).contains("row 3").contains("not-a-number");
        assertThat(run("leads", "import", yaml.toString())).isZero();
        assertThat(run("leads", "list")).isZero();
        assertThat(out.toString()).contains("+15555550142\tDana Reyes").contains("VIP").contains("+15555550199\tSam Lee");
    }

    @Test
    void aCampaignIsCreatedStartedPausedAndShown() throws Exception {
        Path csv = Files.writeString(tmp.resolve("spring.csv"), "phone,name,time_zone\n+15555550142,Dana,America/New_York\n");

        assertThat(run("campaign", "create", "spring", "--leads", csv.toString(), "--hours", "10:00-16:00",
                "--days", "mon-fri", "--max-concurrent", "2", "--per-minute", "5", "--max-attempts", "4",
                "--retry-minutes", "90")).isZero();
        assertThat(out.toString()).contains("campaign 1 (spring) created with 1 leads");
        assertThat(err.toString()).contains("campaigns.dial-uri is empty");
        assertThat(run("campaign", "pause", "1")).as("a draft cannot be paused").isEqualTo(1);
        assertThat(err.toString()).contains("it is draft");
        assertThat(run("campaign", "start", "1")).isZero();
        assertThat(out.toString()).contains("campaign 1 running");
        assertThat(run("campaign", "status", "1")).isZero();
        assertThat(out.toString()).contains("spring\trunning\thours 10:00-16:00 mon,tue,wed,thu,fri").contains("pending=1");
        assertThat(run("campaign", "create", "x", "--hours", "5pm-9am")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid calling hours: \"5pm-9am\"");

        try (Database db = Database.open(tmp.resolve("data"))) {
            CampaignStore.Settings s = new CampaignStore(db).find(1).orElseThrow().settings();
            assertThat(s.maxConcurrent()).isEqualTo(2);
            assertThat(s.maxPerMinute()).isEqualTo(5);
            assertThat(s.maxAttempts()).isEqualTo(4);
            assertThat(s.retryDelay().toMinutes()).isEqualTo(90);
            assertThat(new LeadStore(db).findByPhone("+15555550142").orElseThrow().data().timeZone())
                    .isEqualTo("America/New_York");
        }
    }
}
