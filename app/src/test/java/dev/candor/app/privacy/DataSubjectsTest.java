package dev.candor.app.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.DataSubjectStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.DoNotCallStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export and erasure against a real SQLite file and real encrypted recording files. */
class DataSubjectsTest {
    @TempDir
    Path tmp;

    private Database db;
    private TwoSubjects seeded;
    private DataSubjects subjects;

    @BeforeEach
    void seed() throws Exception {
        db = Database.open(tmp.resolve("data"));
        seeded = TwoSubjects.seed(db, tmp.resolve("data/recordings"), MasterKey.random(new SecureRandom()));
        subjects = new DataSubjects(new DataSubjectStore(db), new UserStore(db), new PhoneNumbers("1"),
                Clock.fixed(TwoSubjects.T0.plusSeconds(86_400), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void exportHoldsEverythingAboutTheNumberAndNothingAboutTheOther() throws Exception {
        Map<String, Object> doc = subjects.export("sip:+15550100001@somewhere", "sam");
        String json = new ObjectMapper().writeValueAsString(doc);
        var tree = new ObjectMapper().readTree(json);

        assertThat(tree.get("phone").asText()).isEqualTo(TwoSubjects.A);
        assertThat(tree.get("calls")).hasSize(2);
        assertThat(tree.get("calls").get(0).get("id").asText()).isEqualTo("a-in");
        assertThat(tree.get("calls").get(1).get("id").asText()).isEqualTo("a-out");
        assertThat(tree.get("calls").get(0).get("turns")).hasSize(2);
        assertThat(tree.get("calls").get(0).get("turns").get(1).get("text").asText()).isEqualTo("Hi, a-in here.");
        assertThat(tree.get("calls").get(0).get("decisions").get(0).get("details").get("note").asText())
                .isEqualTo("from a-in");
        var recording = tree.get("calls").get(0).get("recordings").get(0);
        assertThat(recording.get("url").asText()).isEqualTo("/api/calls/a-in/recording");
        assertThat(recording.get("status").asText()).isEqualTo("complete");
        assertThat(recording.has("filePath")).isFalse();
        assertThat(recording.has("keyId")).isFalse();
        assertThat(tree.get("calls").get(1).get("recordings")).isEmpty();
        assertThat(tree.get("callbacks")).hasSize(1);
        assertThat(tree.get("callbacks").get(0).get("note").asText()).isEqualTo("after lunch");
        assertThat(tree.get("lead").get("name").asText()).isEqualTo("Ann Able");
        assertThat(tree.get("lead").get("attributes").get("location").asText()).isEqualTo("Boston");
        assertThat(tree.get("campaignEntries")).hasSize(1);
        assertThat(tree.get("dialAttempts")).hasSize(1);
        assertThat(tree.get("dialAttempts").get(0).get("callId").asText()).isEqualTo("a-out");
        assertThat(tree.get("leadDecisions")).hasSize(1);
        assertThat(tree.get("doNotCall")).hasSize(1);
        assertThat(json).doesNotContain("b-in").doesNotContain("0100002").doesNotContain("Ben Baker")
                .doesNotContain(seeded.recordingA.toString());
        assertThat(audit()).containsExactly("sam export_subject +15******001");
    }

    @Test
    void unknownNumberExportsEmptySections() {
        Map<String, Object> doc = subjects.export("+442079460000", "sam");

        assertThat(doc.get("calls")).asList().isEmpty();
        assertThat(doc.get("callbacks")).asList().isEmpty();
        assertThat(doc.get("lead")).isNull();
        assertThat(doc.get("doNotCall")).asList().isEmpty();
    }

    @Test
    void erasureRemovesExactlyTheNumbersDataAndFilesAndKeepsItsDoNotCallEntry() throws Exception {
        DataSubjects.Erasure e = subjects.erase("(555) 010-0001", "sam", ref -> false);

        assertThat(e.phone()).isEqualTo(TwoSubjects.A);
        assertThat(e.calls()).isEqualTo(2);
        assertThat(e.turns()).isEqualTo(4);
        assertThat(e.decisions()).as("two call decisions and one lead decision").isEqualTo(3);
        assertThat(e.recordings()).isEqualTo(1);
        assertThat(e.recordingFilesDeleted()).isEqualTo(1);
        assertThat(e.filesNotDeleted()).isEmpty();
        assertThat(e.callbacks()).isEqualTo(1);
        assertThat(e.leads()).isEqualTo(1);
        assertThat(e.campaignEntries()).isEqualTo(1);
        assertThat(e.dialAttempts()).isEqualTo(1);
        assertThat(e.doNotCallKept()).isEqualTo(1);
        assertThat(seeded.recordingA).doesNotExist();
        assertThat(seeded.recordingB).exists();

        CallStore calls = new CallStore(db);
        assertThat(calls.recentCalls(10)).extracting(c -> c.id()).containsExactly("b-in");
        assertThat(calls.turns("b-in")).hasSize(2);
        assertThat(calls.decisions("b-in")).hasSize(1);
        assertThat(new RecordingStore(db).latestForCall("b-in")).isPresent();
        assertThat(new CallbackStore(db).pending(10)).extracting(c -> c.phoneUri()).containsExactly("tel:+15550100002");
        assertThat(new LeadStore(db).findByPhone(TwoSubjects.A)).isEmpty();
        assertThat(new LeadStore(db).findByPhone(TwoSubjects.B)).isPresent();
        assertThat(new DoNotCallStore(db).contains(TwoSubjects.A)).as("never call them again").isTrue();
        assertThat(new DoNotCallStore(db).contains(TwoSubjects.B)).isTrue();
        assertThat(count("SELECT COUNT(*) FROM campaign_leads")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM dial_attempts")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM decisions")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM turns")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM do_not_call WHERE call_id IS NOT NULL")).isZero();

        List<String> audit = audit();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).startsWith("sam erase_subject +15******001 calls=2 turns=4")
                .contains("do_not_call_kept=1").doesNotContain("0100001");

        DataSubjects.Erasure again = subjects.erase(TwoSubjects.A, "sam", ref -> false);
        assertThat(again.calls() + again.turns() + again.decisions() + again.recordings() + again.callbacks()
                + again.leads() + again.campaignEntries() + again.dialAttempts()).isZero();
        assertThat(again.doNotCallKept()).isEqualTo(1);
    }

    @Test
    void aCallInProgressRefusesTheErasureAndNothingIsErased() {
        assertThatThrownBy(() -> subjects.erase(TwoSubjects.A, "sam", ref -> ref.id().equals("a-out")))
                .isInstanceOf(DataSubjectStore.CallsInProgress.class)
                .satisfies(e -> assertThat(((DataSubjectStore.CallsInProgress) e).callIds()).containsExactly("a-out"));

        assertThat(new CallStore(db).recentCalls(10)).hasSize(3);
        assertThat(new LeadStore(db).findByPhone(TwoSubjects.A)).isPresent();
        assertThat(seeded.recordingA).exists();
    }

    @Test
    void aCallWithNoRecordedEndIsPossiblyLiveOnlyWithinTheWindow() {
        var now = TwoSubjects.T0.plusSeconds(3600);
        var open = new DataSubjectStore.CallRef("x", TwoSubjects.T0, false);

        assertThat(DataSubjects.unendedWithin(now, Duration.ofHours(12)).test(open)).isTrue();
        assertThat(DataSubjects.unendedWithin(now, Duration.ofMinutes(30)).test(open)).isFalse();
        assertThat(DataSubjects.unendedWithin(now, Duration.ofHours(12))
                .test(new DataSubjectStore.CallRef("y", TwoSubjects.T0, true))).isFalse();
    }

    @Test
    void aRecordingFileThatCannotBeDeletedIsReported() throws Exception {
        // A directory with a file in it stands in for a file the node may not delete.
        Files.delete(seeded.recordingA);
        Files.createDirectories(seeded.recordingA);
        Files.writeString(seeded.recordingA.resolve("keep"), "x");

        DataSubjects.Erasure e = subjects.erase(TwoSubjects.A, "sam", ref -> false);

        assertThat(e.recordings()).isEqualTo(1);
        assertThat(e.recordingFilesDeleted()).isZero();
        assertThat(e.filesNotDeleted()).singleElement().asString().startsWith(seeded.recordingA.toString());
        assertThat(audit().get(0)).contains("files_not_deleted=1");
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> subjects.export("sip:alice@example.com", "sam"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid phone number: \"sip:alice@example.com\" (expected E.164");
        assertThatThrownBy(() -> subjects.erase("12", "sam", ref -> false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(audit()).isEmpty();
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> audit() {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor, action, target, details FROM audit_log ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
                        + (rs.getString(2).equals("erase_subject") ? " " + rs.getString(4) : ""));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
