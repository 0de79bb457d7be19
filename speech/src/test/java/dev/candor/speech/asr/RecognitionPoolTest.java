package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recognition pool with test-only recognizers: threads, ordering, limits, finishing and failures. */
class RecognitionPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecognitionPool pool = new RecognitionPool(2, 3, 50);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void partialsAndFinalsArriveInOrderOnThePoolNotOnTheThreadThatOffersAudio() {
        ScriptedRecognizer recognizer = new ScriptedRecognizer(8000,
                List.of(new ScriptedRecognizer.Line("i want a person", 0.9, 200, 1000)));
        Events events = new Events();
        RecognitionStream stream = pool.open("call-1", recognizer, events);

        for (int i = 0; i < 60; i++) {
            stream.offer(new short[160]);
        }

        await().atMost(WAIT).until(() -> events.events.size() == 2);
        assertThat(events.events.poll()).isEqualTo(new RecognitionEvent.Partial("i"));
        RecognitionEvent.Final heard = (RecognitionEvent.Final) events.events.poll();
        assertThat(heard.text()).isEqualTo("i want a person");
        assertThat(heard.words()).extracting(Word::startMillis).containsExactly(200L, 400L, 600L, 800L);
        assertThat(events.threads).allMatch(name -> name.startsWith(RecognitionPool.THREAD_PREFIX));
        assertThat(events.errors).isEmpty();
    }

    @Test
    void aSlowRecognizerDropsTheOldestFramesBeyondTheQueueAndNeverBlocksTheCaller() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GatedRecognizer recognizer = new GatedRecognizer(gate, new AtomicInteger(), new AtomicInteger(), -1);
        RecognitionStream stream = pool.open("call-1", recognizer, new Events());

        stream.offer(new short[160]);
        assertThat(recognizer.entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 59; i++) {
            stream.offer(new short[160]);   // returns at once although the recognizer is stuck
        }

        assertThat(stream.droppedFrames()).isEqualTo(9);
        gate.countDown();
        await().atMost(WAIT).until(() -> stream.recognisedFrames() == 51);
    }

    @Test
    void theThreadsBoundHowManyRecognizersRunAtOnceAndNoRecognizerRunsTwiceAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<GatedRecognizer> recognizers = new ArrayList<>();
        List<RecognitionStream> streams = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            GatedRecognizer r = new GatedRecognizer(gate, inside, maxInside, -1);
            recognizers.add(r);
            streams.add(pool.open("call-" + call, r, new Events()));
        }

        for (int frame = 0; frame < 20; frame++) {
            for (RecognitionStream stream : streams) {
                stream.offer(new short[160]);
            }
        }
        await().atMost(WAIT).until(() -> inside.get() == 2);
        gate.countDown();

        await().atMost(WAIT).until(() -> recognizers.stream().allMatch(r -> r.frames == 20));
        assertThat(maxInside.get()).as("two threads").isEqualTo(2);
        assertThat(recognizers).noneMatch(r -> r.selfOverlap);
    }

    @Test
    void openingMoreStreamsThanTheLimitIsRefusedAndTheRecognizerClosed() {
        for (int call = 0; call < 3; call++) {
            pool.open("call-" + call, GatedRecognizer.open(), new Events());
        }
        GatedRecognizer fourth = GatedRecognizer.open();

        assertThatThrownBy(() -> pool.open("call-4", fourth, new Events()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("too many recognition streams for call call-4: 3 open (expected at most 3)");
        assertThat(fourth.closed).isTrue();
    }

    @Test
    void finishRecognisesWhatIsQueuedThenDeliversTheLastResultAndClosesTheRecognizer() {
        GatedRecognizer recognizer = GatedRecognizer.open();
        Events events = new Events();
        RecognitionStream stream = pool.open("call-1", recognizer, events);
        for (int i = 0; i < 10; i++) {
            stream.offer(new short[160]);
        }

        stream.finish();
        stream.offer(new short[160]);

        await().atMost(WAIT).until(() -> stream.done().isDone());
        assertThat(recognizer.frames).isEqualTo(10);
        assertThat(recognizer.finished).isTrue();
        assertThat(recognizer.closed).isTrue();
        assertThat(events.events).extracting(RecognitionEvent::text).containsExactly("done");
        assertThat(pool.openStreams()).isZero();
    }

    @Test
    void closeDropsQueuedAudioAndClosesWithoutALastResult() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GatedRecognizer recognizer = new GatedRecognizer(gate, new AtomicInteger(), new AtomicInteger(), -1);
        Events events = new Events();
        RecognitionStream stream = pool.open("call-1", recognizer, events);
        for (int i = 0; i < 10; i++) {
            stream.offer(new short[160]);
        }
        assertThat(recognizer.entered.await(5, TimeUnit.SECONDS)).isTrue();

        stream.close();
        gate.countDown();

        await().atMost(WAIT).until(() -> stream.done().isDone());
        assertThat(recognizer.frames).as("only the frame under way").isEqualTo(1);
        assertThat(recognizer.finished).isFalse();
        assertThat(recognizer.closed).isTrue();
        assertThat(events.events).isEmpty();
    }

    @Test
    void aFailingRecognizerIsReportedOnceAndTheStreamStops() {
        GatedRecognizer recognizer = new GatedRecognizer(new CountDownLatch(0), new AtomicInteger(),
                new AtomicInteger(), 3);
        Events events = new Events();
        RecognitionStream stream = pool.open("call-1", recognizer, events);

        for (int i = 0; i < 10; i++) {
            stream.offer(new short[160]);
        }

        await().atMost(WAIT).until(() -> stream.done().isDone());
        assertThat(events.errors).singleElement().satisfies(e ->
                assertThat(e).hasMessage("engine failure on frame 3"));
        assertThat(recognizer.closed).isTrue();
        stream.offer(new short[160]);
        stream.finish();
        assertThat(recognizer.frames).isEqualTo(3);
        assertThat(recognizer.finished).isFalse();
        assertThat(events.errors).hasSize(1);
    }

    /** Collects events with the threads they came on. */
    static final class Events implements RecognitionListener {
        final Queue<RecognitionEvent> events = new ConcurrentLinkedQueue<>();
        final Queue<String> threads = new ConcurrentLinkedQueue<>();
        final Queue<RuntimeException> errors = new ConcurrentLinkedQueue<>();

        @Override
        public void onEvent(RecognitionEvent event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onError(RuntimeException error) {
            errors.add(error);
        }
    }
}
