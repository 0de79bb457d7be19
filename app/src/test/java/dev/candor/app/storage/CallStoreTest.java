package dev.candor.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    @TempDir
    Path dataDir;

    private Database db;
    private CallStore store;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        store = new CallStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static CallRecord call(String id, Instant startedAt) {
        return new CallRecord(id, Direction.INBOUND, "sip:+15550100@carrier", "sip:sales@candor", id + "@host",
                startedAt);
    }

    @Test
    void aRestartedNodeClosesTheCallsItLeftOpenAtTheirLastWrittenMomentAndNoOtherNodes() {
        CallStore nodeA = new CallStore(db, "node-a");
        CallStore nodeB = new CallStore(db, "node-b");
        nodeA.createCall(call("a-open", T0));
        nodeA.markAnswered("a-open", T0.plusSeconds(1));
        long turn = nodeA.startTurn("a-open", Speaker.CANDOR, "Hello, you're talking to an AI assistant.", T0.plusSeconds(2));
        nodeA.endTurn(turn, T0.plusSeconds(6), false);
        nodeA.addDecision("a-open", "score", "40", Map.of(), T0.plusSeconds(9));
        nodeA.createCall(call("a-unanswered", T0.plusSeconds(3)));
        nodeA.createCall(call("a-ended", T0));
        nodeA.markEnded("a-ended", T0.plusSeconds(30), "remote_hangup");
        nodeB.createCall(call("b-open", T0));
        store.createCall(call("no-node", T0));

        assertThat(nodeA.closeLeftOpen()).isEqualTo(2);

        assertThat(store.findCall("a-open")).hasValueSatisfying(c -> {
            assertThat(c.endReason()).contains("node_restart");
            assertThat(c.endedAt()).contains(T0.plusSeconds(9)); // the score, the last thing written
        });
        assertThat(store.findCall("a-unanswered")).hasValueSatisfying(c -> {
            assertThat(c.endReason()).contains("node_restart");
            assertThat(c.endedAt()).contains(T0.plusSeconds(3));
        });
        assertThat(store.findCall("a-ended").orElseThrow().endReason()).contains("remote_hangup");
        assertThat(store.findCall("b-open").orElseThrow().endedAt()).isEmpty();
        assertThat(store.findCall("no-node").orElseThrow().endedAt()).isEmpty();
        assertThat(nodeA.closeLeftOpen()).as("nothing left").isZero();
        assertThatThrownBy(store::closeLeftOpen).isInstanceOf(IllegalStateException.class);
    }

    private List<String> otherConnection(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void fullCallLifecycleReadsBack() {
        store.createCall(call("c1", T0));
        store.markAnswered("c1", T0.plusMillis(900));
        long greeting = store.startTurn("c1", Speaker.CANDOR, "Hello, this is Candor.", T0.plusSeconds(1));
        store.endTurn(greeting, T0.plusSeconds(3), true);
        long reply = store.startTurn("c1", Speaker.CALLER, "I want a human", T0.plusMillis(2500));
        store.endTurn(reply, T0.plusSeconds(4), false);
        long decision = store.addDecision("c1", "handoff", "caller_request",
                Map.of("summary", "wants a human", "score", 3), T0.plusSeconds(5));
        store.markEnded("c1", T0.plusSeconds(60), "caller_hangup");

        assertThat(store.findCall("c1")).contains(new CallRow("c1", Direction.INBOUND, "sip:+15550100@carrier",
                "sip:sales@candor", "c1@host", T0, Optional.of(T0.plusMillis(900)),
                Optional.of(T0.plusSeconds(60)), Optional.of("caller_hangup")));
        assertThat(store.turns("c1")).containsExactly(
                new TurnRow(greeting, "c1", Speaker.CANDOR, "Hello, this is Candor.", T0.plusSeconds(1),
                        Optional.of(T0.plusSeconds(3)), true),
                new TurnRow(reply, "c1", Speaker.CALLER, "I want a human", T0.plusMillis(2500),
                        Optional.of(T0.plusSeconds(4)), false));
        List<DecisionRow> decisions = store.decisions("c1");
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(decision);
            assertThat(d.kind()).isEqualTo("handoff");
            assertThat(d.reason()).isEqualTo("caller_request");
            assertThat(d.detailsJson()).contains("\"summary\":\"wants a human\"", "\"score\":3");
            assertThat(d.decidedAt()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void newCallHasNoAnswerOrEnd() {
        store.createCall(call("c1", T0));

        CallRow row = store.findCall("c1").orElseThrow();

        assertThat(row.answeredAt()).isEmpty();
        assertThat(row.endedAt()).isEmpty();
        assertThat(row.endReason()).isEmpty();
        assertThat(store.findCall("nope")).isEmpty();
    }

    @Test
    void timestampsAreStoredAsUtcMillisText() throws SQLException {
        store.createCall(call("c1", Instant.parse("2026-11-23T10:15:30Z")));
        store.markAnswered("c1", Instant.parse("2026-11-23T10:15:31.123456789Z"));

        assertThat(otherConnection("SELECT started_at || ' ' || answered_at FROM calls"))
                .containsExactly("2026-11-23T10:15:30.000Z 2026-11-23T10:15:31.123Z");
    }

    @Test
    void anotherConnectionSeesRowsWhileTheCallIsInProgress() throws SQLException {
        store.createCall(call("c1", T0));
        store.startTurn("c1", Speaker.CANDOR, "Hello", T0.plusSeconds(1));

        assertThat(otherConnection("SELECT id FROM calls")).containsExactly("c1");
        assertThat(otherConnection("SELECT text || '|' || COALESCE(ended_at, 'open') FROM turns"))
                .containsExactly("Hello|open");

        store.addDecision("c1", "say", "greeting", Map.of(), T0.plusSeconds(2));
        assertThat(otherConnection("SELECT details FROM decisions")).containsExactly("{}");
    }

    @Test
    void markEndedTwiceKeepsTheFirstEnd() {
        store.createCall(call("c1", T0));
        store.markEnded("c1", T0.plusSeconds(10), "caller_hangup");
        store.markEnded("c1", T0.plusSeconds(20), "timeout");

        CallRow row = store.findCall("c1").orElseThrow();
        assertThat(row.endedAt()).contains(T0.plusSeconds(10));
        assertThat(row.endReason()).contains("caller_hangup");
    }

    @Test
    void writesAboutUnknownIdsFail() {
        assertThatThrownBy(() -> store.markEnded("ghost", T0, "x"))
                .isInstanceOf(StorageException.class).hasMessageContaining("no call with id ghost");
        assertThatThrownBy(() -> store.endTurn(42, T0, false))
                .isInstanceOf(StorageException.class).hasMessageContaining("turn 42");
        assertThatThrownBy(() -> store.startTurn("ghost", Speaker.CALLER, "hi", T0))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void duplicateCallIdIsRejected() {
        store.createCall(call("c1", T0));

        assertThatThrownBy(() -> store.createCall(call("c1", T0))).isInstanceOf(StorageException.class);
    }

    @Test
    void recentCallsAreNewestFirstAndLimited() {
        for (int i = 0; i < 5; i++) {
            store.createCall(call("c" + i, T0.plusSeconds(i)));
        }

        assertThat(store.recentCalls(3)).extracting(CallRow::id).containsExactly("c4", "c3", "c2");
    }

    @Test
    void turnsAreOrderedByStartNotByInsertion() {
        store.createCall(call("c1", T0));
        store.startTurn("c1", Speaker.AGENT, "second", T0.plusSeconds(2));
        store.startTurn("c1", Speaker.SUPERVISOR, "first", T0.plusSeconds(1));

        assertThat(store.turns("c1")).extracting(TurnRow::text).containsExactly("first", "second");
    }

    @Test
    void concurrentWritesFromSeveralThreadsLoseNoRows() throws Exception {
        int threads = 8;
        int turnsPerThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String callId = "call-" + t;
                jobs.add(() -> {
                    store.createCall(call(callId, T0));
                    for (int i = 0; i < turnsPerThread; i++) {
                        long turn = store.startTurn(callId, Speaker.CALLER, "turn " + i, T0.plusMillis(i));
                        store.endTurn(turn, T0.plusMillis(i + 1), false);
                        store.addDecision(callId, "say", "r", Map.of("i", i), T0.plusMillis(i));
                    }
                    store.markEnded(callId, T0.plusSeconds(1), "done");
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(otherConnection("SELECT COUNT(*) FROM turns WHERE ended_at IS NOT NULL"))
                .containsExactly(String.valueOf(threads * turnsPerThread));
        assertThat(otherConnection("SELECT COUNT(*) FROM decisions"))
                .containsExactly(String.valueOf(threads * turnsPerThread));
        assertThat(store.recentCalls(100)).hasSize(threads).allSatisfy(c -> assertThat(c.endedAt()).isPresent());
    }
}
