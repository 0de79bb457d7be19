package dev.candor.app.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real softphone for the end-to-end tests: Debian's baresip, run headless with its own configuration
 * folder. It sends silence from a WAV file ({@code aufile}), plays what it receives into a device that
 * goes nowhere ({@code aubridge}), and the {@code sndfile} filter writes the decoded audio it hears to
 * {@code dump-*-dec.wav}. The test dials with {@code -e /dial} and ends the call with {@code quit}
 * over baresip's TCP control socket ({@code ctrl_tcp}, JSON in netstrings).
 */
final class Baresip implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/baresip");
    private static final Path MODULES = Path.of("/usr/lib/baresip/modules");

    private final Process process;
    private final Path folder;
    private final Path log;
    private final int controlPort;

    private Baresip(Process process, Path folder, Path log, int controlPort) {
        this.process = process;
        this.folder = folder;
        this.log = log;
        this.controlPort = controlPort;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isDirectory(MODULES);
    }

    /** Skips the test when baresip is missing, except in CI, where .ci/run must have installed it. */
    static void assumeInstalled() {
        if (System.getenv("CI") != null && !installed()) {
            throw new IllegalStateException("baresip is not installed; .ci/run installs it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed(),
                "baresip is not installed (apt-get install baresip); skipping the softphone test");
    }

    /** Starts baresip as {@code sip:user@127.0.0.1:<free port>} and dials {@code target} at once. */
    static Baresip dial(Path folder, String user, String target) throws IOException {
        Path config = Files.createDirectories(folder.resolve("baresip"));
        Path heard = Files.createDirectories(folder.resolve("heard"));
        Path silence = folder.resolve("silence.wav");
        Files.write(silence, silentWav(8000, 120));
        int sipPort = Sipp.freeUdpPort();
        int controlPort = freeTcpPort();
        int rtpPort = freeRtpPortPair();
        Files.writeString(config.resolve("config"), String.join("\n",
                "poll_method\t\tepoll",
                "sip_listen\t\t127.0.0.1:" + sipPort,
                "call_local_timeout\t120",
                "call_max_calls\t\t1",
                "audio_player\t\taubridge,nowhere",
                "audio_alert\t\taubridge,nowhere",
                "audio_source\t\taufile," + silence,
                "ausrc_srate\t\t8000",
                "auplay_srate\t\t8000",
                "ausrc_channels\t\t1",
                "auplay_channels\t\t1",
                "rtp_ports\t\t" + rtpPort + "-" + (rtpPort + 1),
                "rtcp_mux\t\tno",
                "jitter_buffer_delay\t5-10",
                "module_path\t\t" + MODULES,
                "module\t\t\tg711.so",
                "module\t\t\taufile.so",
                "module\t\t\taubridge.so",
                "module\t\t\tsndfile.so",
                "module_tmp\t\taccount.so",
                "module_app\t\tmenu.so",
                "module_app\t\tctrl_tcp.so",
                "ctrl_tcp_listen\t\t127.0.0.1:" + controlPort,
                "snd_path\t\t" + heard,
                ""));
        Files.writeString(config.resolve("accounts"),
                "<sip:" + user + "@127.0.0.1:" + sipPort + ">;regint=0;audio_codecs=PCMU,PCMA\n");
        Path log = folder.resolve("baresip.log");
        // -t caps the run should the test die before sending quit; the test normally ends it much earlier.
        Process process = new ProcessBuilder(BINARY.toString(), "-f", config.toString(),
                "-e", "/dial " + target, "-t", "180")
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Baresip(process, folder, log, controlPort);
    }

    /** Asks baresip to hang up and exit; true when it exited within {@code seconds}. */
    boolean quit(long seconds) throws IOException, InterruptedException {
        if (process.isAlive()) {
            byte[] json = "{\"command\":\"quit\",\"params\":\"\",\"token\":\"candor-test\"}"
                    .getBytes(StandardCharsets.US_ASCII);
            try (Socket control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
                 OutputStream out = control.getOutputStream()) {
                out.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.write(json);
                out.write(',');
                out.flush();
                return process.waitFor(seconds, TimeUnit.SECONDS);
            }
        }
        return true;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The recording of what baresip decoded from Candor's RTP, once the call has started. */
    Optional<Path> heardFile() throws IOException {
        try (var files = Files.list(folder.resolve("heard"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst();
        }
    }

    /** baresip's output, for assertion messages (the end, where the call's story is). */
    String output() {
        try {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(could not read baresip's output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The 16-bit mono samples of a WAV file written by libsndfile. Tolerates a header whose sizes were
     * never filled in (a process that did not close the file): the data chunk then runs to the end.
     */
    static Pcm readPcm(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(wav + " is not a RIFF/WAVE file");
        }
        int rate = 0;
        int channels = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= b.limit()) {
            int id = b.getInt(at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(at + 10);
                rate = b.getInt(at + 12);
                bits = b.getShort(at + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16) {
                    throw new IOException(wav + ": expected 16-bit mono, got " + bits + "-bit, " + channels + " channels");
                }
                int available = b.limit() - (at + 8);
                int length = (size == 0 || size > available) ? available : (int) size;
                short[] samples = new short[length / 2];
                b.position(at + 8);
                b.asShortBuffer().get(samples);
                return new Pcm(rate, samples);
            }
            at += 8 + (int) size + (int) (size & 1);
        }
        throw new IOException(wav + " has no data chunk");
    }

    record Pcm(int sampleRateHz, short[] samples) {
        double seconds() {
            return samples.length / (double) sampleRateHz;
        }

        /** Root mean square level of each 20 ms frame. */
        List<Double> frameLevels() {
            int frame = sampleRateHz / 50;
            java.util.ArrayList<Double> levels = new java.util.ArrayList<>();
            for (int start = 0; start + frame <= samples.length; start += frame) {
                double sum = 0;
                for (int i = start; i < start + frame; i++) {
                    sum += (double) samples[i] * samples[i];
                }
                levels.add(Math.sqrt(sum / frame));
            }
            return levels;
        }
    }

    private static byte[] silentWav(int sampleRateHz, int seconds) {
        int dataBytes = sampleRateHz * 2 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRateHz).putInt(sampleRateHz * 2).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(dataBytes);
        return b.array();
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * An even port whose pair (RTP, RTCP) is free, below Linux's ephemeral range and above the RTP
     * ranges {@link CandorUnderTest} gives Candor (20000-28199), so nothing else picks it meanwhile.
     */
    private static int freeRtpPortPair() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 28400 + 2 * ThreadLocalRandom.current().nextInt(2000);
            try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                 DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1))) {
                return rtp.getLocalPort();
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no free even UDP port pair in 28400-32399");
    }
}
