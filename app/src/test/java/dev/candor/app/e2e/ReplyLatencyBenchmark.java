package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.storage.CallRow;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Speaker;
import dev.candor.app.storage.TurnLatency;
import dev.candor.app.storage.TurnRow;
import dev.candor.speech.audio.WavReader;
import dev.candor.speech.vad.EndpointConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * BENCHMARK, not a test (its name matches no surefire or failsafe pattern, so {@code mvn verify} never
 * runs it): the part of reply latency that is Candor's own.
 *
 * <p>Candor runs in-process with the built-in dialog policy and {@link FixtureRecognizer} (the
 * fixture's transcript the moment the endpointer closes the utterance). One sipp process places
 * {@code bench.calls} calls, {@code bench.concurrency} at a time; their media all come to one
 * {@link BenchCallers} socket, which waits for the greeting to end, sends one fixture utterance per
 * call (round robin over the fixtures with a transcript) and timestamps the first packet of the reply.
 * External latency: from sending the frame holding the fixture's speech end (MANIFEST.tsv) to
 * receiving the reply's first packet. Internal latency: Candor's own stored per-turn timings
 * ({@link TurnLatency#responseTime()}), from its endpointer's decision to the reply's first frame.
 *
 * <p>All calls come from one sipp process, so from one source address, 127.0.0.1: to Candor that is a
 * trunk, and like a trunk it is listed in {@code sip.trusted-addresses}. Otherwise the per-source rate
 * limit (20 messages/s, burst 40, see {@code SourceRateLimiter}) answers INVITEs beyond the burst with
 * 503: with {@code -Dbench.rate=50}, 13 of 50 calls failed that way before. The benchmark fails if the
 * limiter acted at all, so a measurement never silently counts fewer calls.
 *
 * <pre>mvn -B -o -pl app -am test -Dcandor.fuzz.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=ReplyLatencyBenchmark -Dbench.concurrency=1 -Dbench.calls=14</pre>
 */
class ReplyLatencyBenchmark {
    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void replyLatencyOverTheFixtures() throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 1);
        int calls = Integer.getInteger("bench.calls", 14);
        int callMillis = Integer.getInteger("bench.call-millis", 20_000);
        int rate = Integer.getInteger("bench.rate", Math.min(concurrency, 10));   // new calls per second
        List<FixtureRecognizer.Fixture> fixtures = loadFixtures();
        try (BenchCallers callers = new BenchCallers(fixtures);
             CandorApplication candor = CandorUnderTest.start(tmp.resolve("data"), Sipp.freeUdpPort(), 10,
                     Optional.of(FixtureRecognizer.hearing(fixtures)),
                     "sip.max-concurrent-calls=" + Math.max(10, concurrency + 10),
                     "sip.trusted-addresses=127.0.0.1")) {
            long started = System.nanoTime();
            Sipp sipp = Sipp.start(tmp, "callers", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", String.valueOf(callMillis),
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(callers.port()),
                    "-m", String.valueOf(calls), "-l", String.valueOf(concurrency), "-r", String.valueOf(rate),
                    "-timeout", (calls / concurrency + 2) * (callMillis / 1000 + 10) + "s");
            boolean allAnswered = callers.awaitReplies(calls, (long) (calls / concurrency + 2) * (callMillis + 10_000));
            int sippExit = sipp.await((calls / concurrency + 2) * (callMillis / 1000 + 10L));
            double wallSeconds = (System.nanoTime() - started) / 1e9;

            List<BenchCallers.Result> results = callers.results();
            List<Double> external = results.stream().map(BenchCallers.Result::replyMillis).toList();
            List<Double> internal = storedLatencies(candor.callStore(), calls, TurnLatency::responseTime);
            int window = EndpointConfig.DEFAULT_TRAILING_SILENCE_MILLIS;
            System.out.printf("reply latency: %d calls, %d concurrent, %.0f s, sipp exit %d, %d replies heard%s%n",
                    calls, concurrency, wallSeconds, sippExit, results.size(), allAnswered ? "" : " (NOT ALL)");
            System.out.printf("  callers by phase: %s%n", callers.phases());
            System.out.printf("  flood limits: %s%n", candor.endpoint().abuseCounters());
            print("external, speech end sent -> first reply packet received", external, window);
            print("internal, endpointer decision -> first reply frame (turns table)", internal, 0);
            print("internal, transcript -> decided", storedLatencies(candor.callStore(), calls,
                    l -> between(l.transcript(), l.decided())), 0);
            print("internal, decided -> synthesised", storedLatencies(candor.callStore(), calls,
                    l -> between(l.decided(), l.synthesised())), 0);
            print("internal, synthesised -> first audio", storedLatencies(candor.callStore(), calls,
                    l -> between(l.synthesised(), l.firstAudio())), 0);
            for (BenchCallers.Result r : results) {
                System.out.printf("  %-32s %7.1f ms%n", r.fixture(), r.replyMillis());
            }
            if (results.isEmpty()) {
                throw new AssertionError("no reply heard; sipp: " + sipp.output());
            }
            if (candor.endpoint().abuseCounters().limited() > 0) {
                throw new AssertionError("the per-source rate limit dropped or refused messages: "
                        + candor.endpoint().abuseCounters());
            }
        }
    }

    private static Optional<Duration> between(Optional<java.time.Instant> from, Optional<java.time.Instant> to) {
        return from.flatMap(f -> to.map(t -> Duration.between(f, t)));
    }

    /** One figure per reply to a caller's utterance (the first Candor turn after each caller turn). */
    private static List<Double> storedLatencies(CallStore store, int calls,
                                                Function<TurnLatency, Optional<Duration>> figure) {
        List<Double> millis = new ArrayList<>();
        for (CallRow call : store.recentCalls(calls + 10)) {
            List<TurnRow> turns = store.turns(call.id());
            for (int i = 1; i < turns.size(); i++) {
                if (turns.get(i).speaker() == Speaker.CANDOR && turns.get(i - 1).speaker() == Speaker.CALLER) {
                    figure.apply(store.latency(turns.get(i).id())).ifPresent(d -> millis.add(d.toNanos() / 1e6));
                }
            }
        }
        return millis;
    }

    private static void print(String what, List<Double> millis, int window) {
        if (millis.isEmpty()) {
            System.out.printf("  %s: no samples%n", what);
            return;
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p50 = percentile(sorted, 50);
        double p95 = percentile(sorted, 95);
        System.out.printf("  %s: n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms", what, sorted.length, p50, p95,
                sorted[sorted.length - 1]);
        if (window > 0) {
            System.out.printf("; beyond the %d ms silence window: p50 %.1f ms, p95 %.1f ms", window, p50 - window,
                    p95 - window);
        }
        System.out.println();
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    static List<FixtureRecognizer.Fixture> loadFixtures() throws Exception {
        List<FixtureRecognizer.Fixture> fixtures = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ReplyLatencyBenchmark.class.getResourceAsStream("/fixtures/audio/MANIFEST.tsv"), StandardCharsets.UTF_8))) {
            for (String line : in.lines().skip(1).toList()) {
                String[] f = line.split("\t", -1);
                if (f.length < 5 || f[1].isBlank()) {
                    continue;
                }
                try (InputStream wav = ReplyLatencyBenchmark.class.getResourceAsStream("/fixtures/audio/" + f[0])) {
                    short[] pcm = WavReader.read(wav).samples();
                    fixtures.add(new FixtureRecognizer.Fixture(f[0], f[1], pcm, Integer.parseInt(f[3]),
                            Integer.parseInt(f[4])));
                }
            }
        }
        return fixtures;
    }
}
