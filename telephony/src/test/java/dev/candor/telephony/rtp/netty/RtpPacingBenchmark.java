package dev.candor.telephony.rtp.netty;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import dev.candor.telephony.sdp.Direction;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sip.ua.MediaChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * BENCHMARK, not a test (its name matches no surefire pattern, so {@code mvn verify} never runs it):
 * send-side pacing of {@link MediaClock} + {@link RtpMediaChannel} with many concurrent streams.
 *
 * <p>Opens {@code bench.streams} (default 500) media channels on loopback, all sending PCMU to one
 * receiving socket, and timestamps every packet on arrival ({@link System#nanoTime}). For each stream,
 * packet <i>k</i> (from its RTP timestamp, so a loss does not shift the grid) ideally arrives at
 * {@code phase + k × 20 ms}; the stream's phase is the median of {@code arrival − k × 20 ms}. The
 * deviation is {@code |arrival − k × 20 ms − phase|}; p50, p99 and max over all packets are printed.
 * Receive-side timestamps include the loopback and receiver thread's own scheduling delay, so the
 * figures are an upper bound of the send-side deviation.
 *
 * <pre>mvn -B -o -pl telephony test -Dcandor.fuzz.skip=true -Dtest=RtpPacingBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbench.streams=500 -Dbench.seconds=20</pre>
 */
class RtpPacingBenchmark {
    private static final long TICK_NANOS = MediaClock.TICK_NANOS;

    @Test
    void pacingAtManyConcurrentStreams() throws Exception {
        int streams = Integer.getInteger("bench.streams", 500);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmupSeconds = Integer.getInteger("bench.warmup.seconds", 5);
        int portMin = 20_000 + 2 * (int) (ProcessHandle.current().pid() % 3000);

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        MediaClock clock = new MediaClock("bench-media-clock");
        NettyMediaFactory factory = new NettyMediaFactory(group, "127.0.0.1", portMin, portMin + 2 * streams + 40,
                clock, Duration.ofSeconds(5), new SplittableRandom(4));
        List<MediaChannel> channels = new ArrayList<>();
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setReceiveBufferSize(8 << 20);
            Recorder recorder = new Recorder(receiver, streams, (warmupSeconds + seconds) * 50 + 100);
            Thread reading = new Thread(recorder, "bench-rtp-receiver");
            reading.setDaemon(true);
            reading.setPriority(Thread.MAX_PRIORITY);
            reading.start();

            MediaParameters toReceiver = new MediaParameters(AudioCodec.PCMU, 0, -1, "127.0.0.1",
                    receiver.getLocalPort(), Direction.SENDRECV);
            short[] tone = new short[160];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (4000 * Math.sin(2 * Math.PI * 440 * i / 8000));
            }
            MediaChannel.MediaEvents ignore = new MediaChannel.MediaEvents() {
                @Override
                public void onDtmf(char digit) {
                }

                @Override
                public void onAudio(short[] frame) {
                }
            };
            for (int i = 0; i < streams; i++) {
                MediaChannel channel = factory.open().toCompletableFuture().get(5, TimeUnit.SECONDS);
                channels.add(channel);
                channel.start(toReceiver, () -> tone, ignore);
            }
            recorder.allStreamsSeen.await(10, TimeUnit.SECONDS);
            recorder.measureAfter(System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds));
            recorder.finished.await(warmupSeconds + seconds + 30L, TimeUnit.SECONDS);
            recorder.stopAt(System.nanoTime());
            report(streams, seconds, recorder);
        } finally {
            channels.forEach(MediaChannel::close);
            clock.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void report(int streams, int seconds, Recorder recorder) {
        List<Long> deviations = new ArrayList<>();
        long received = 0;
        long expected = 0;
        for (Recorder.Stream s : recorder.streams()) {
            received += s.count;
            long[] phase = new long[s.count];
            for (int i = 0; i < s.count; i++) {
                phase[i] = s.arrivals[i] - s.index[i] * TICK_NANOS;
            }
            long[] sorted = phase.clone();
            Arrays.sort(sorted);
            long median = sorted[sorted.length / 2];
            for (long p : phase) {
                deviations.add(Math.abs(p - median));
            }
            expected += s.index[s.count - 1] - s.index[0] + 1;
        }
        long[] d = deviations.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("RTP pacing: %d streams seen (of %d), %d packets over %d s measured, %d missing (%.3f%%)%n",
                recorder.streams().size(), streams, received, seconds, expected - received,
                100.0 * (expected - received) / Math.max(1, expected));
        System.out.printf("RTP pacing: deviation from each stream's 20 ms grid: p50 %.3f ms, p99 %.3f ms, "
                        + "p99.9 %.3f ms, max %.3f ms%n",
                d[percentileIndex(d.length, 50)] / 1e6, d[percentileIndex(d.length, 99)] / 1e6,
                d[percentileIndex(d.length, 99.9)] / 1e6, d[d.length - 1] / 1e6);
        if (recorder.streams().size() < streams) {
            throw new AssertionError("only " + recorder.streams().size() + " of " + streams + " streams arrived");
        }
    }

    static int percentileIndex(int n, double p) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(p / 100 * n) - 1));
    }

    /** Reads every datagram on one socket; records arrival time and packet index per SSRC after the warm-up. */
    private static final class Recorder implements Runnable {
        final CountDownLatch allStreamsSeen = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        private final DatagramSocket socket;
        private final int expectedStreams;
        private final int capacity;
        private final Map<Long, Stream> bySsrc = new HashMap<>();
        private volatile long measureFrom = Long.MAX_VALUE;
        private volatile long stopAt = Long.MAX_VALUE;

        Recorder(DatagramSocket socket, int expectedStreams, int capacity) {
            this.socket = socket;
            this.expectedStreams = expectedStreams;
            this.capacity = capacity;
        }

        void measureAfter(long nanos) {
            measureFrom = nanos;
        }

        void stopAt(long nanos) {
            stopAt = nanos;
        }

        synchronized List<Stream> streams() {
            return bySsrc.values().stream().filter(s -> s.count > 1).toList();
        }

        @Override
        public void run() {
            byte[] buffer = new byte[1500];
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            int seconds = Integer.getInteger("bench.seconds", 20);
            while (!socket.isClosed()) {
                try {
                    socket.receive(datagram);
                } catch (java.io.IOException e) {
                    return;
                }
                long now = System.nanoTime();
                if (datagram.getLength() < 12 || (buffer[0] & 0xC0) != 0x80 || now > stopAt) {
                    continue;
                }
                long timestamp = readUnsigned32(buffer, 4);
                long ssrc = readUnsigned32(buffer, 8);
                synchronized (this) {
                    Stream s = bySsrc.computeIfAbsent(ssrc, k -> new Stream(capacity));
                    if (bySsrc.size() == expectedStreams) {
                        allStreamsSeen.countDown();
                    }
                    if (now < measureFrom) {
                        continue;
                    }
                    s.add(now, timestamp);
                    if (now - measureFrom >= TimeUnit.SECONDS.toNanos(seconds)) {
                        finished.countDown();
                    }
                }
            }
        }

        private static long readUnsigned32(byte[] b, int at) {
            return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
        }

        static final class Stream {
            final long[] arrivals;
            final long[] index;
            int count;
            long firstTimestamp;

            Stream(int capacity) {
                arrivals = new long[capacity];
                index = new long[capacity];
            }

            void add(long arrival, long rtpTimestamp) {
                if (count == arrivals.length) {
                    return;
                }
                if (count == 0) {
                    firstTimestamp = rtpTimestamp;
                }
                arrivals[count] = arrival;
                index[count] = ((rtpTimestamp - firstTimestamp) & 0xFFFF_FFFFL) / 160;
                count++;
            }
        }
    }
}
