package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real threads, real time: waits are Awaitility conditions, never sleeps. */
class MediaClockTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final MediaClock clock = new MediaClock("test-media-clock");

    @AfterEach
    void closeClock() {
        clock.close();
    }

    @Test
    void listenersGetConsecutiveTicksOnTheNamedDaemonThread() {
        List<Long> ticks = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        clock.register(tick -> {
            thread.set(Thread.currentThread());
            ticks.add(tick);
        });

        await().atMost(PATIENCE).until(() -> ticks.size() >= 5);

        for (int i = 1; i < 5; i++) {
            assertThat(ticks.get(i)).isEqualTo(ticks.get(0) + i);
        }
        assertThat(thread.get().getName()).isEqualTo("test-media-clock");
        assertThat(thread.get().isDaemon()).isTrue();
        assertThat(clock.ticks()).isGreaterThanOrEqualTo(ticks.get(4));
    }

    @Test
    void listenersAreSpreadOverTheSlotsOfATickEachStillCalledOncePerTick() {
        // Held back until all are registered, so every one is in place for the tick observed below.
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicInteger observedTick = new AtomicInteger(-1);
        int listeners = 2 * MediaClock.SLOTS;
        for (int i = 0; i < listeners; i++) {
            String name = "L" + i;
            clock.register(tick -> {
                if (observedTick.get() < 0) {
                    return;
                }
                if (tick == observedTick.get()) {
                    calls.add(name);
                }
            });
        }
        observedTick.set((int) clock.ticks() + 2);

        await().atMost(PATIENCE).until(() -> clock.ticks() > observedTick.get() + 1);

        // The least busy slot each time: L0..L9 take slots 0..9, L10..L19 join them in the same order,
        // and the tick calls the slots in turn: each listener once, two per slot.
        List<String> expected = new java.util.ArrayList<>();
        for (int slot = 0; slot < MediaClock.SLOTS; slot++) {
            expected.add("L" + slot);
            expected.add("L" + (slot + MediaClock.SLOTS));
        }
        assertThat(calls).containsExactlyElementsOf(expected);
    }

    @Test
    void aClosedRegistrationLeavesItsSlotToTheNextListener() {
        List<Registration> first = new java.util.ArrayList<>();
        for (int i = 0; i < MediaClock.SLOTS; i++) {
            first.add(clock.register(tick -> { }));
        }
        first.get(3).close(); // slot 3 is now the least busy
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicInteger observedTick = new AtomicInteger(-1);
        clock.register(tick -> {
            if (tick == observedTick.get()) {
                calls.add("newcomer");
            }
        });
        for (int i = 0; i < MediaClock.SLOTS; i++) {
            int slot = i;
            clock.register(tick -> {
                if (tick == observedTick.get()) {
                    calls.add("slot " + slot);
                }
            });
        }
        // The newcomer took slot 3, the one left free; then every slot held one, and the next ten
        // went one to each slot in order.
        observedTick.set((int) clock.ticks() + 2);
        await().atMost(PATIENCE).until(() -> clock.ticks() > observedTick.get() + 1);

        assertThat(calls).containsExactly("slot 0", "slot 1", "slot 2", "newcomer", "slot 3", "slot 4", "slot 5",
                "slot 6", "slot 7", "slot 8", "slot 9");
    }

    @Test
    void aThrowingListenerDoesNotStopTheClockOrTheOthers() {
        AtomicInteger thrown = new AtomicInteger();
        AtomicInteger heard = new AtomicInteger();
        clock.register(tick -> {
            thrown.incrementAndGet();
            throw new IllegalStateException("listener bug on tick " + tick);
        });
        clock.register(tick -> heard.incrementAndGet());

        await().atMost(PATIENCE).until(() -> heard.get() >= 10);

        assertThat(thrown.get()).isGreaterThanOrEqualTo(9); // still called after failing
    }

    @Test
    void aClosedRegistrationHearsNoMoreTicksWhileOthersDo() {
        AtomicInteger closedOne = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        Registration registration = clock.register(tick -> closedOne.incrementAndGet());
        clock.register(tick -> other.incrementAndGet());
        await().atMost(PATIENCE).until(() -> closedOne.get() >= 2);

        registration.close();
        int afterClose = other.get();
        await().atMost(PATIENCE).until(() -> other.get() >= afterClose + 2); // a running tick may finish
        int snapshot = closedOne.get();
        await().atMost(PATIENCE).until(() -> other.get() >= afterClose + 12);

        assertThat(closedOne.get()).isEqualTo(snapshot);
    }

    @Test
    void afterCloseThereAreNoMoreTicks() {
        AtomicInteger heard = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        clock.register(tick -> {
            thread.set(Thread.currentThread());
            heard.incrementAndGet();
        });
        await().atMost(PATIENCE).until(() -> heard.get() >= 3);

        clock.close();
        int atClose = heard.get();

        await().atMost(PATIENCE).until(() -> !thread.get().isAlive());
        await().during(Duration.ofMillis(200)).atMost(PATIENCE).until(() -> heard.get() == atClose);
        assertThatThrownBy(() -> clock.register(tick -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-media-clock");
    }

    @Test
    void aListenerMayCloseTheClockFromTheClockThread() {
        AtomicInteger heard = new AtomicInteger();
        clock.register(tick -> {
            if (heard.incrementAndGet() == 3) {
                clock.close();
            }
        });

        await().atMost(PATIENCE).until(() -> heard.get() >= 3);
        await().during(Duration.ofMillis(200)).atMost(PATIENCE).until(() -> heard.get() == 3);
    }

    @Test
    void averagePeriodOver50TicksIs20Milliseconds() {
        long[] at = new long[51];
        AtomicInteger count = new AtomicInteger();
        clock.register(tick -> {
            int n = count.getAndIncrement();
            if (n < at.length) {
                at[n] = System.nanoTime();
            }
        });

        await().atMost(PATIENCE).until(() -> count.get() > at.length);

        double averageMillis = (at[50] - at[0]) / 50 / 1e6;
        assertThat(averageMillis).isBetween(18.0, 22.0);
    }

    @Test
    void startNamesItsThreadByDefault() {
        AtomicReference<String> name = new AtomicReference<>();
        try (MediaClock started = MediaClock.start()) {
            started.register(tick -> name.set(Thread.currentThread().getName()));
            await().atMost(PATIENCE).until(() -> name.get() != null);
        }

        assertThat(name.get()).isEqualTo(MediaClock.DEFAULT_THREAD_NAME);
    }
}
