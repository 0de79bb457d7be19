package dev.candor.telephony.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one 20 ms clock that paces the outgoing media of every call on this node.
 *
 * <p>One daemon thread runs a fixed-rate schedule ({@link ScheduledExecutorService#scheduleAtFixedRate}),
 * so lateness never accumulates; after a stall, the missed ticks run back to back to catch up. Each
 * listener is called every 20 ms, but not all at once: the 20 ms are cut into {@value #SLOTS} slots of
 * 2 ms and each listener gets the least busy slot when it registers, so listener tick <i>n</i> of a
 * listener in slot <i>s</i> is due at start + <i>n</i> × 20 ms + <i>s</i> × 2 ms. With hundreds of calls,
 * a call's packet then leaves when its own slot comes, after the few calls that share the slot, instead
 * of after every call on the node: its send time no longer moves with the time all the others take.
 * Within a slot, listeners are called in registration order, on the clock thread: listeners must not
 * block. A listener that throws is logged (the first time with its stack trace, then every
 * {@value #LOG_EVERY_FAILURES}th time) and keeps its place; it never stops the clock or the others.
 *
 * <p>{@link #register} and {@link Registration#close()} may be called from any thread, including
 * from a listener. A tick that is already running when a registration is closed may still call that
 * listener once. After {@link #close()} returns, no listener is called again.
 */
public final class MediaClock implements AutoCloseable {

    /** The tick period in nanoseconds: 20 ms. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How many slots each 20 ms tick is cut into; listeners are spread over them. */
    public static final int SLOTS = 10;
    static final long SLOT_NANOS = TICK_NANOS / SLOTS;
    /** The name of the thread {@link #start()} creates. */
    public static final String DEFAULT_THREAD_NAME = "candor-media-clock";

    static final int LOG_EVERY_FAILURES = 500;
    private static final Logger log = LoggerFactory.getLogger(MediaClock.class);

    private final List<CopyOnWriteArrayList<Entry>> slots = new ArrayList<>();
    /** Slot ticks run so far; the clock thread's own. */
    private long slotTicks;
    private final String threadName;
    private final ScheduledExecutorService executor;
    private volatile Thread clockThread;
    private volatile long ticks;
    private volatile boolean closed;

    /** Starts a clock on a new daemon thread called {@code threadName}. */
    public MediaClock(String threadName) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            clockThread = thread;
            return thread;
        });
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        executor.scheduleAtFixedRate(this::tick, 0, SLOT_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Starts a clock on a thread named {@value #DEFAULT_THREAD_NAME}. */
    public static MediaClock start() {
        return new MediaClock(DEFAULT_THREAD_NAME);
    }

    /**
     * Adds a listener, called every 20 ms in the least busy slot from its next turn on, until its
     * registration is closed.
     */
    public Registration register(MediaTickListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("media clock " + threadName + " is closed (expected an open clock)");
        }
        synchronized (slots) {
            CopyOnWriteArrayList<Entry> slot = slots.get(0);
            for (CopyOnWriteArrayList<Entry> candidate : slots) {
                if (candidate.size() < slot.size()) {
                    slot = candidate;
                }
            }
            Entry entry = new Entry(listener, slot);
            slot.add(entry);
            return entry;
        }
    }

    /** How many ticks have been delivered so far. */
    public long ticks() {
        return ticks;
    }

    /** Stops the clock; waits up to a second for a running tick unless called from the clock thread. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        if (Thread.currentThread() != clockThread) {
            try {
                if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                    log.warn("media clock {}: a tick still runs 1 s after close", threadName);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        slots.forEach(List::clear);
    }

    private void tick() {
        long n = slotTicks++;
        int slot = (int) (n % SLOTS);
        long tick = n / SLOTS;
        for (Entry entry : slots.get(slot)) {
            if (closed) {
                return;
            }
            entry.deliver(tick);
        }
        if (slot == SLOTS - 1) {
            ticks = tick + 1;
        }
    }

    /** One registered listener and its failure count; only the clock thread touches the count. */
    private final class Entry implements Registration {
        private final MediaTickListener listener;
        private final List<Entry> slot;
        private volatile boolean active = true;
        private long failures;

        Entry(MediaTickListener listener, List<Entry> slot) {
            this.listener = listener;
            this.slot = slot;
        }

        void deliver(long tick) {
            if (!active) {
                return;
            }
            try {
                listener.onTick(tick);
            } catch (Throwable t) {
                failures++;
                if (failures == 1) {
                    log.warn("media clock {}: listener {} failed on tick {}; it stays registered",
                            threadName, listener, tick, t);
                } else if (failures % LOG_EVERY_FAILURES == 0) {
                    log.warn("media clock {}: listener {} has failed {} times, last on tick {}: {}",
                            threadName, listener, failures, tick, t.toString());
                }
            }
        }

        @Override
        public void close() {
            active = false;
            synchronized (slots) {
                slot.remove(this);
            }
        }
    }
}
