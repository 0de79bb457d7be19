package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that stopped mid-call (crash, kill -9) left its call without an end; when it starts again on the
 * same database it closes that call as {@code node_restart}, and leaves another node's open call alone.
 */
class NodeRestartIT {
    @TempDir
    Path tmp;

    @Test
    void aRestartedNodeClosesTheCallItLeftOpenAndNotAnotherNodes() throws Exception {
        Path data = tmp.resolve("data");
        Instant before = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        try (Database db = Database.open(data)) {
            // What the previous run of node-1 wrote before it died, and a call node-2 is handling now.
            CallStore previousRun = new CallStore(db, "node-1");
            previousRun.createCall(new CallRecord("crashed-call", Direction.INBOUND, "sip:+15550100002@example.net",
                    "sip:candor@127.0.0.1", "crashed@example.net", before));
            previousRun.markAnswered("crashed-call", before.plusSeconds(1));
            previousRun.startTurn("crashed-call", Speaker.CANDOR, "Hello, you're talking to an AI assistant.",
                    before.plusSeconds(2));
            new CallStore(db, "node-2").createCall(new CallRecord("live-elsewhere", Direction.INBOUND,
                    "sip:+15550100003@example.net", "sip:candor@127.0.0.1", "live@example.net", before));
        }

        try (CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10, "campaigns.node-id=node-1")) {
            CallStore store = candor.callStore();
            assertThat(store.findCall("crashed-call")).hasValueSatisfying(c -> {
                assertThat(c.endReason()).contains("node_restart");
                assertThat(c.endedAt()).contains(before.plusSeconds(2));
            });
            assertThat(store.findCall("live-elsewhere").orElseThrow().endedAt()).isEmpty();
        }
    }
}
