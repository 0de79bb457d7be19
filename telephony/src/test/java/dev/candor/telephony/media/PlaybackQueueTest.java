package dev.candor.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlaybackQueueTest {

    private final PlaybackQueue queue = new PlaybackQueue();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final PlaybackListener recorder = new PlaybackListener() {
        @Override
        public void started(long id) {
            events.add("started " + id);
        }

        @Override
        public void finished(long id, int framesPlayed, boolean completed) {
            events.add("finished " + id + " frames=" + framesPlayed + " completed=" + completed);
        }
    };

    /** Samples 1, 2, 3, ... so every frame shows where it was cut. */
    private static short[] ramp(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (i + 1);
        }
        return pcm;
    }

    private List<short[]> drain() {
        List<short[]> frames = new ArrayList<>();
        for (short[] frame = queue.nextFrame(); frame != null; frame = queue.nextFrame()) {
            frames.add(frame);
        }
        return frames;
    }

    @Test
    void splitsAPromptIn160SampleFramesAndPadsTheLastWithSilence() {
        queue.play(ramp(400), PlaybackListener.NONE);

        List<short[]> frames = drain();

        assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(f).hasSize(160));
        assertThat(frames.get(0)[0]).isEqualTo((short) 1);
        assertThat(frames.get(1)[0]).isEqualTo((short) 161);
        assertThat(frames.get(2)[79]).isEqualTo((short) 400);
        for (int i = 80; i < 160; i++) {
            assertThat(frames.get(2)[i]).as("padding at %d", i).isZero();
        }
    }

    @Test
    void aPromptOfWholeFramesIsNotPadded() {
        queue.play(ramp(320), PlaybackListener.NONE);

        assertThat(drain()).hasSize(2);
    }

    @Test
    void isIdleWhenNothingIsQueued() {
        assertThat(queue.nextFrame()).isNull();
        assertThat(queue.isPlaying()).isFalse();
    }

    @Test
    void reportsStartedWithTheFirstFrameAndFinishedWithTheLast() {
        long id = queue.play(ramp(480), recorder);
        assertThat(queue.isPlaying()).isTrue();
        assertThat(events).isEmpty();

        queue.nextFrame();
        assertThat(events).containsExactly("started " + id);

        queue.nextFrame();
        queue.nextFrame();
        assertThat(events).containsExactly("started " + id, "finished " + id + " frames=3 completed=true");
        assertThat(queue.isPlaying()).isFalse();
        assertThat(queue.nextFrame()).isNull();
    }

    @Test
    void playsPromptsInOrderAndReportsThemInOrder() {
        long first = queue.play(ramp(160), recorder);
        long second = queue.play(new short[] {-5}, recorder);

        List<short[]> frames = drain();

        assertThat(second).isNotEqualTo(first);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1)[0]).isEqualTo((short) -5);
        assertThat(events).containsExactly(
                "started " + first, "finished " + first + " frames=1 completed=true",
                "started " + second, "finished " + second + " frames=1 completed=true");
    }

    @Test
    void anEmptyPromptFinishesWithoutAFrameAndTheNextOneFollows() {
        long empty = queue.play(new short[0], recorder);
        long next = queue.play(ramp(10), recorder);

        short[] frame = queue.nextFrame();

        assertThat(frame[0]).isEqualTo((short) 1);
        assertThat(events).containsExactly(
                "finished " + empty + " frames=0 completed=true", "started " + next,
                "finished " + next + " frames=1 completed=true");
    }

    @Test
    void cancelAllMidPromptReportsTheFramesPlayedAndDropsTheQueue() {
        long playing = queue.play(ramp(800), recorder);
        long queued = queue.play(ramp(800), recorder);
        queue.nextFrame();
        queue.nextFrame();

        int cancelled = queue.cancelAll();

        assertThat(cancelled).isEqualTo(2);
        assertThat(events).containsExactly("started " + playing,
                "finished " + playing + " frames=2 completed=false",
                "finished " + queued + " frames=0 completed=false");
        assertThat(queue.isPlaying()).isFalse();
        assertThat(queue.nextFrame()).isNull();
    }

    @Test
    void cancelAllWhenIdleStopsNothing() {
        assertThat(queue.cancelAll()).isZero();
    }

    @Test
    void playsAfterACancelAll() {
        queue.play(ramp(800), PlaybackListener.NONE);
        queue.cancelAll();

        queue.play(new short[] {42}, PlaybackListener.NONE);

        assertThat(queue.nextFrame()[0]).isEqualTo((short) 42);
    }

    @Test
    void copiesThePromptSoTheCallerMayReuseItsArray() {
        short[] pcm = ramp(160);
        queue.play(pcm, PlaybackListener.NONE);

        pcm[0] = 999;

        assertThat(queue.nextFrame()[0]).isEqualTo((short) 1);
    }

    @Test
    void aThrowingListenerDoesNotDisturbTheQueue() {
        PlaybackListener throwing = new PlaybackListener() {
            @Override
            public void started(long id) {
                throw new IllegalStateException("listener bug");
            }
        };
        queue.play(ramp(160), throwing);
        long second = queue.play(ramp(160), recorder);

        assertThat(drain()).hasSize(2);
        assertThat(events).containsExactly("started " + second, "finished " + second + " frames=1 completed=true");
    }

    @Test
    void everyPromptFinishesExactlyOnceWhileCancelRacesTheDrainingThread() {
        Map<Long, AtomicInteger> finishedCount = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        PlaybackListener counting = new PlaybackListener() {
            @Override
            public void finished(long id, int framesPlayed, boolean completed) {
                finishedCount.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (completed && framesPlayed != 2) {
                    violations.add("prompt " + id + " completed after " + framesPlayed + " frames");
                }
            }
        };
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger framesTaken = new AtomicInteger();
        Thread drainer = new Thread(() -> {
            while (!stop.get()) {
                if (queue.nextFrame() != null) {
                    framesTaken.incrementAndGet();
                }
            }
        }, "test-drainer");
        drainer.start();

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add(queue.play(ramp(300), counting));
            if (i % 7 == 0) {
                queue.cancelAll();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue.isPlaying());
        stop.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !drainer.isAlive());

        assertThat(violations).isEmpty();
        assertThat(framesTaken.get()).isPositive();
        assertThat(ids).allSatisfy(id ->
                assertThat(finishedCount.get(id)).as("prompt %d", id).isNotNull().hasValue(1));
    }
}
