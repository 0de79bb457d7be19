package dev.candor.app.metrics;

import dev.candor.app.storage.TurnLatency;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Histograms of how long each step of a reply takes, across all calls since start-up, written in the
 * Prometheus text format: end of caller speech → final transcript (recognition), transcript → reply
 * decided (dialog), decided → audio synthesised (synthesis), synthesised → first frame sent (playout),
 * and end of caller speech → first frame sent (what the caller experiences). Lock-free; any thread.
 */
public final class LatencyMetrics {
    /** Upper bounds of the buckets, in milliseconds. */
    static final long[] BUCKETS_MS = {25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000};

    private final Map<String, Histogram> stages = new LinkedHashMap<>();

    public LatencyMetrics() {
        for (String stage : new String[] {"recognition", "dialog", "synthesis", "playout", "response"}) {
            stages.put(stage, new Histogram());
        }
    }

    /** Adds the steps of one reply that are known. */
    public void record(TurnLatency t) {
        add("recognition", t.callerSpeechEnded(), t.transcript());
        add("dialog", t.transcript(), t.decided());
        add("synthesis", t.decided(), t.synthesised());
        add("playout", t.synthesised(), t.firstAudio());
        t.responseTime().ifPresent(d -> stages.get("response").add(d));
    }

    private void add(String stage, Optional<Instant> from, Optional<Instant> to) {
        if (from.isPresent() && to.isPresent()) {
            stages.get(stage).add(Duration.between(from.get(), to.get()));
        }
    }

    /** How many replies have a measured {@code stage} (for tests and the console). */
    public long count(String stage) {
        return stages.get(stage).counts.get(BUCKETS_MS.length);
    }

    /** The Prometheus text exposition of every histogram. */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP candor_reply_step_seconds Time taken by each step of Candor's replies.\n");
        out.append("# TYPE candor_reply_step_seconds histogram\n");
        stages.forEach((stage, h) -> {
            for (int i = 0; i < BUCKETS_MS.length; i++) {
                out.append(String.format(Locale.ROOT, "candor_reply_step_seconds_bucket{step=\"%s\",le=\"%s\"} %d%n",
                        stage, seconds(BUCKETS_MS[i]), h.counts.get(i)));
            }
            out.append(String.format(Locale.ROOT, "candor_reply_step_seconds_bucket{step=\"%s\",le=\"+Inf\"} %d%n",
                    stage, h.counts.get(BUCKETS_MS.length)));
            out.append(String.format(Locale.ROOT, "candor_reply_step_seconds_sum{step=\"%s\"} %s%n", stage,
                    seconds(h.sumMicros.get(0) / 1000.0)));
            out.append(String.format(Locale.ROOT, "candor_reply_step_seconds_count{step=\"%s\"} %d%n", stage,
                    h.counts.get(BUCKETS_MS.length)));
        });
        return out.toString();
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Cumulative bucket counts (the last is the total) and the sum, as Prometheus wants them. */
    private static final class Histogram {
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS_MS.length + 1);
        final AtomicLongArray sumMicros = new AtomicLongArray(1);

        void add(Duration d) {
            long micros = Math.max(0, d.toNanos() / 1000);
            for (int i = 0; i < BUCKETS_MS.length; i++) {
                if (micros <= BUCKETS_MS[i] * 1000) {
                    counts.incrementAndGet(i);
                }
            }
            counts.incrementAndGet(BUCKETS_MS.length);
            sumMicros.addAndGet(0, micros);
        }
    }
}
