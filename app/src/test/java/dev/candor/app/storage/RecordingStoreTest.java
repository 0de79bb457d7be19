package dev.candor.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recordings table on a real SQLite file. */
class RecordingStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    @TempDir
    Path dataDir;

    private Database db;
    private CallStore calls;
    private RecordingStore recordings;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        calls = new CallStore(db);
        recordings = new RecordingStore(db);
        calls.createCall(new CallRecord("call-1", Direction.INBOUND, "sip:+15550100@carrier", "sip:sales@candor",
                "c1@host", T0));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void rowIsWrittenWhenRecordingStartsAndCompletedWhenItEnds() throws Exception {
        long id = recordings.started("call-1", "/data/recordings/call-1.wav.enc", "fmt-v1", "0011223344556677", T0);

        // Visible to another connection at once: a crash now leaves the row.
        assertThat(otherConnection("SELECT status || ' ' || key_id || ' ' || ifnull(ended_at, '-') FROM recordings"))
                .isEqualTo("recording 0011223344556677 -");
        assertThat(recordings.latestForCall("call-1")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo("recording");
            assertThat(r.endedAt()).isEmpty();
            assertThat(r.durationMillis()).isEmpty();
            assertThat(r.bytes()).isEmpty();
        });

        recordings.ended(id, "complete", T0.plusSeconds(12), 12_020, 385_000);

        assertThat(recordings.latestForCall("call-1")).get().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.callId()).isEqualTo("call-1");
            assertThat(r.filePath()).isEqualTo("/data/recordings/call-1.wav.enc");
            assertThat(r.format()).isEqualTo("fmt-v1");
            assertThat(r.status()).isEqualTo("complete");
            assertThat(r.startedAt()).isEqualTo(T0);
            assertThat(r.endedAt()).contains(T0.plusSeconds(12));
            assertThat(r.durationMillis()).contains(12_020L);
            assertThat(r.bytes()).contains(385_000L);
        });
    }

    @Test
    void secondEndKeepsTheFirst() {
        long id = recordings.started("call-1", "/r/a", "fmt", "k", T0);
        recordings.ended(id, "complete", T0.plusSeconds(5), 5000, 100);
        recordings.ended(id, "failed", T0.plusSeconds(9), 9000, 200);

        assertThat(recordings.find(id)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo("complete");
            assertThat(r.durationMillis()).contains(5000L);
        });
    }

    @Test
    void recordingMustReferenceAStoredCall() {
        assertThatThrownBy(() -> recordings.started("no-such-call", "/r/a", "fmt", "k", T0))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void endingAnUnknownRecordingIsABug() {
        assertThatThrownBy(() -> recordings.ended(999, "complete", T0, 0, 0))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no such recording");
        assertThatThrownBy(() -> recordings.ended(999, "done", T0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latestRecordingOfACallWithNoneIsEmpty() {
        assertThat(recordings.latestForCall("call-1")).isEmpty();
    }

    private String otherConnection(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
