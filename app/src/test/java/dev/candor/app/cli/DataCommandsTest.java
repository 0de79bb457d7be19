package dev.candor.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.privacy.TwoSubjects;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.DoNotCallStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code candor data export} and {@code candor data erase} against a real data folder. */
class DataCommandsTest {
    @TempDir
    Path tmp;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private TwoSubjects seeded;

    @BeforeEach
    void seed() throws Exception {
        try (Database db = Database.open(tmp.resolve("data"))) {
            seeded = TwoSubjects.seed(db, tmp.resolve("data/recordings"), MasterKey.random(new SecureRandom()));
        }
    }

    private int run(String... args) {
        CliRunner cli = new CliRunner(tmp.resolve("data"));
        int code = cli.run(args);
        out = cli.out;
        err = cli.err;
        return code;
    }

    @Test
    void exportWritesTheDocumentToStandardOutputOrAFile() throws Exception {
        assertThat(run("data", "export", "--phone", "+15550100001")).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("phone").asText()).isEqualTo(TwoSubjects.A);
        assertThat(doc.get("calls")).hasSize(2);

        Path file = tmp.resolve("a.json");
        assertThat(run("data", "export", "--phone", "sip:+15550100001@trunk", "--out", file.toString())).isZero();
        assertThat(new ObjectMapper().readTree(file.toFile()).get("lead").get("name").asText()).isEqualTo("Ann Able");
    }

    @Test
    void eraseNeedsYesThenErasesAndKeepsTheDoNotCallEntry() throws Exception {
        assertThat(run("data", "erase", "--phone", "+15550100001")).isEqualTo(2);
        assertThat(err.toString()).contains("add --yes");
        assertThat(seeded.recordingA).exists();

        assertThat(run("data", "erase", "--phone", "+15550100001", "--yes")).isZero();
        assertThat(out.toString()).contains("erased 2 calls, 4 turns, 3 decisions, 1 recordings (1 files deleted), "
                + "1 callbacks, 1 leads, 1 campaign entries, 1 dial attempts").contains("kept 1 do-not-call entries");
        assertThat(seeded.recordingA).doesNotExist();
        assertThat(seeded.recordingB).exists();
        try (Database db = Database.open(tmp.resolve("data"))) {
            assertThat(new CallStore(db).recentCalls(10)).extracting(c -> c.id()).containsExactly("b-in");
            assertThat(new DoNotCallStore(db).contains(TwoSubjects.A)).isTrue();
        }
    }

    @Test
    void notAPhoneNumberIsAnError() {
        assertThat(run("data", "erase", "--phone", "bob", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid phone number: \"bob\"");
    }
}
