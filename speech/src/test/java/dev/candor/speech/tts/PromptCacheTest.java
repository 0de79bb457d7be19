package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PromptCacheTest {

    private final CountingSynthesizer synthesizer = new CountingSynthesizer();

    @Test
    void returnsTheSameArrayWithoutSynthesisingAgain() {
        PromptCache cache = new PromptCache(synthesizer);

        short[] first = cache.get("Welcome to Candor.");
        short[] second = cache.get("Welcome to Candor.");

        assertThat(second).isSameAs(first);
        assertThat(synthesizer.calls()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void concurrentCallersOfTheSameTextShareOneSynthesis() throws Exception {
        PromptCache cache = new PromptCache(synthesizer);
        CountDownLatch gate = new CountDownLatch(1);
        synthesizer.holdAtGate(gate);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<short[]> first =
                    CompletableFuture.supplyAsync(() -> cache.get("Please hold."), pool);
            await().atMost(Duration.ofSeconds(10)).until(() -> synthesizer.calls() == 1);
            CompletableFuture<short[]> second =
                    CompletableFuture.supplyAsync(() -> cache.get("Please hold."), pool);
            // The second caller must now be parked on the first caller's synthesis.
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingThreads(pool) >= 1);
            gate.countDown();

            assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
            assertThat(synthesizer.calls()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedPromptBeyondCapacity() {
        PromptCache cache = new PromptCache(synthesizer, 2);
        cache.get("a");
        cache.get("bb");
        cache.get("a"); // "bb" is now the least recently used
        cache.get("ccc");

        cache.get("a");
        cache.get("bb");

        assertThat(synthesizer.texts()).containsExactly("a", "bb", "ccc", "bb");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aFailedSynthesisIsNotCachedAndReachesTheCaller() {
        PromptCache cache = new PromptCache(synthesizer);
        synthesizer.failNextCall(new IllegalStateException("engine down"));

        assertThatThrownBy(() -> cache.get("Hello")).hasMessage("engine down");
        assertThat(cache.size()).isZero();
        assertThat(cache.get("Hello")).hasSize(5);
        assertThat(synthesizer.calls()).isEqualTo(2);
    }

    @Test
    void warmSynthesisesEachTextOnce() {
        PromptCache cache = new PromptCache(synthesizer);

        cache.warm(List.of("one", "two", "one"));
        cache.get("two");

        assertThat(synthesizer.texts()).containsExactly("one", "two");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void rejectsAZeroCapacityNamingIt() {
        assertThatThrownBy(() -> new PromptCache(synthesizer, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    private static long waitingThreads(ExecutorService pool) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.WAITING)
                .filter(t -> java.util.Arrays.stream(t.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals(PromptCache.class.getName())))
                .count();
    }
}
