package dev.candor.telephony.sip.ua;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * The SIP thread in virtual time. {@link #execute} behaves like an event loop: a task submitted while
 * another runs is queued behind it, otherwise it runs at once on the caller's thread. Timers fire only
 * when the test calls {@link #advance}, in due order (ties in scheduling order).
 */
public final class VirtualScheduler implements SipScheduler {
    private final Queue<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::dueNanos).thenComparingLong(Timer::sequence));
    private long nowNanos;
    private long sequence;
    private boolean running;

    @Override
    public void execute(Runnable task) {
        ready.add(task);
        drain();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Timer timer = new Timer(nowNanos + delay.toNanos(), sequence++, task);
        timers.add(timer);
        return () -> timer.cancelled = true;
    }

    /** Moves virtual time forward by {@code duration}, firing every timer due by then in order. */
    public void advance(Duration duration) {
        long target = nowNanos + duration.toNanos();
        while (true) {
            Timer next = timers.peek();
            if (next == null || next.dueNanos > target) {
                break;
            }
            timers.poll();
            nowNanos = next.dueNanos;
            if (!next.cancelled) {
                execute(next.task);
            }
        }
        nowNanos = target;
    }

    /** Virtual time elapsed since the test began. */
    public Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    private void drain() {
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable task;
            while ((task = ready.poll()) != null) {
                task.run();
            }
        } finally {
            running = false;
        }
    }

    private static final class Timer {
        final long dueNanos;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Timer(long dueNanos, long sequence, Runnable task) {
            this.dueNanos = dueNanos;
            this.sequence = sequence;
            this.task = task;
        }

        long dueNanos() {
            return dueNanos;
        }

        long sequence() {
            return sequence;
        }
    }
}
