package dev.candor.handoff;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffQueueTest {
    private final HandoffQueue queue = new HandoffQueue();
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void positionsFollowArrivalOrder() {
        HandoffQueue.Ticket first = queue.join("a", now);
        HandoffQueue.Ticket second = queue.join("b", now.plusSeconds(1));

        assertThat(first.position()).isEqualTo(OptionalInt.of(1));
        assertThat(second.position()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void onlyTheHeadOfTheLineMayTakeAFreeAgent() {
        HandoffQueue.Ticket first = queue.join("a", now);
        HandoffQueue.Ticket second = queue.join("b", now);

        assertThat(second.takeTurn()).isFalse();
        assertThat(first.takeTurn()).isTrue();
        assertThat(first.position()).isEmpty();
        assertThat(second.position()).isEqualTo(OptionalInt.of(1));
        assertThat(second.takeTurn()).isTrue();
        assertThat(queue.size()).isZero();
    }

    @Test
    void leavingMovesEveryoneBehindUp() {
        HandoffQueue.Ticket first = queue.join("a", now);
        HandoffQueue.Ticket second = queue.join("b", now);
        HandoffQueue.Ticket third = queue.join("c", now);

        first.leave();
        first.leave();

        assertThat(second.position()).isEqualTo(OptionalInt.of(1));
        assertThat(third.position()).isEqualTo(OptionalInt.of(2));
    }
}
