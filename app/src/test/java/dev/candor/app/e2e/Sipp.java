package dev.candor.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs sipp with a scenario from recordings-fixtures; its screen and errors go to files in a folder. */
final class Sipp {
    private final Process process;
    private final Path log;
    private final Path folder;

    private Sipp(Process process, Path log, Path folder) {
        this.process = process;
        this.log = log;
        this.folder = folder;
    }

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "sipp"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Skips the calling test class when sipp is missing, except in CI (CI is set), where .ci/run must
     * have installed it: there a missing sipp fails the build instead of silently skipping.
     */
    static void assumeInstalled() {
        if (System.getenv("CI") != null && !installed()) {
            throw new IllegalStateException("sipp is not installed (Debian package sip-tester); .ci/run installs it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed(),
                "sipp is not installed (apt-get install sip-tester); skipping end-to-end tests");
    }

    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts sipp; {@code args} follow the scenario file (target, -p, -key...). */
    static Sipp start(Path folder, String name, String scenario, String... args) throws IOException {
        Path scenarioFile = folder.resolve(scenario);
        try (InputStream in = Sipp.class.getResourceAsStream("/fixtures/sipp/" + scenario)) {
            if (in == null) {
                throw new IllegalStateException("no sipp scenario fixtures/sipp/" + scenario);
            }
            Files.copy(in, scenarioFile, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(), "-m", "1",
                "-i", "127.0.0.1", "-nostdin", "-trace_err", "-timeout", "90s", "-timeout_error"));
        command.addAll(List.of(args));
        Path log = folder.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Sipp(process, log, folder);
    }

    /** Waits for sipp to finish; returns its exit code (0: every call succeeded). */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** sipp's screen and error log, for assertion messages. */
    String output() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                String content = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
                text.append("--- ").append(p.getFileName()).append('\n')
                        .append(content.length() > 4000 ? content.substring(content.length() - 4000) : content);
            }
        } catch (IOException e) {
            text.append("(could not read sipp logs: ").append(e).append(')');
        }
        return text.toString();
    }

    void kill() {
        process.destroyForcibly();
    }

    Path log() {
        return log;
    }
}
