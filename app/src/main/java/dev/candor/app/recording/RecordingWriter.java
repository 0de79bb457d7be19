package dev.candor.app.recording;

import dev.candor.app.storage.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that writes every call's recording. Media threads hand it frames through a bounded queue
 * ({@link #offer}, never blocks: when the queue is full the tick is counted and later written as silence,
 * so the file keeps call time); call threads hand it the end of a recording ({@link #finish}), after which
 * it closes the file and completes the row.
 */
final class RecordingWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordingWriter.class);
    private static final long FRAME_MILLIS = 20;

    private sealed interface Task permits Frames, Finish, Shutdown {
    }

    private record Frames(OpenRecording recording, short[] caller, short[] heard) implements Task {
    }

    private record Finish(OpenRecording recording) implements Task {
    }

    private record Shutdown() implements Task {
    }

    private final BlockingQueue<Task> queue;
    private final RecordingStore store;
    private final Clock clock;
    private final Thread thread;
    /** Recordings not finished yet; added by call threads, removed by the writer thread. */
    private final Set<OpenRecording> open = ConcurrentHashMap.newKeySet();

    /** @param capacityTicks frames (one tick of one call each) the queue holds; 50 a second per call */
    RecordingWriter(RecordingStore store, Clock clock, int capacityTicks) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new ArrayBlockingQueue<>(capacityTicks);
        this.thread = new Thread(this::run, "candor-recording-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** From a call thread, once the file is open: the writer owns it from now on, and finishes it at shutdown. */
    void opened(OpenRecording recording) {
        open.add(recording);
    }

    /**
     * One tick of one call, from the media clock thread: {@code caller} is what the caller said, {@code heard}
     * what the caller heard; {@code null} for silence. The arrays must not change afterwards.
     */
    void offer(OpenRecording recording, short[] caller, short[] heard) {
        if (!queue.offer(new Frames(recording, caller, heard))) {
            if (recording.droppedTicks.getAndIncrement() == 0) {
                log.warn("call {}: the recording writer is behind; ticks are recorded as silence until it catches up",
                        recording.callId);
            }
        }
    }

    /** The call ended: closes the file and completes the row once every queued frame is written. */
    void finish(OpenRecording recording) {
        try {
            queue.put(new Finish(recording));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("call {}: interrupted while finishing the recording; it is finished at shutdown", recording.callId);
        }
    }

    private void run() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            if (task instanceof Frames frames) {
                write(frames);
            } else if (task instanceof Finish finish) {
                complete(finish.recording());
            } else {
                break;
            }
        }
        for (OpenRecording recording : Set.copyOf(open)) {
            complete(recording);
        }
    }

    private void write(Frames frames) {
        OpenRecording r = frames.recording();
        if (r.finished || r.failed) {
            return;
        }
        try {
            for (long dropped = r.droppedTicks.getAndSet(0); dropped > 0; dropped--) {
                r.recorder.tick();
            }
            if (frames.caller() != null) {
                r.recorder.caller(frames.caller());
            }
            if (frames.heard() != null) {
                r.recorder.candor(frames.heard());
            }
            r.recorder.tick();
        } catch (IOException | RuntimeException e) {
            r.failed = true;
            log.error("call {}: writing the recording {} failed; the call goes on unrecorded", r.callId, r.file, e);
            complete(r);
        }
    }

    private void complete(OpenRecording r) {
        if (r.finished) {
            return;
        }
        r.finished = true;
        open.remove(r);
        try {
            r.recorder.close();
        } catch (IOException | RuntimeException e) {
            r.failed = true;
            log.error("call {}: closing the recording {} failed", r.callId, r.file, e);
        }
        long millis = r.recorder.ticks() * FRAME_MILLIS;
        long bytes;
        try {
            bytes = Files.size(r.file);
        } catch (IOException e) {
            bytes = r.encrypted.bytesWritten();
        }
        try {
            store.ended(r.rowId, r.failed ? "failed" : "complete", clock.instant(), millis, bytes);
            log.info("call {}: recording {} ({} ms, {} bytes)", r.callId, r.failed ? "failed" : "complete", millis,
                    bytes);
        } catch (RuntimeException e) {
            log.error("call {}: cannot record the end of the recording", r.callId, e);
        }
    }

    /** Writes what is queued, finishes every open recording and stops the thread. */
    @Override
    public void close() {
        try {
            if (!queue.offer(new Shutdown(), 5, TimeUnit.SECONDS)) {
                log.warn("recording writer: queue still full after 5 s at shutdown; stopping it");
                thread.interrupt();
            }
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
