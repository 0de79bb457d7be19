package dev.candor.speech.asr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a zipped Vosk model over HTTP, verifies it, unpacks it safely and moves it into the
 * cache directory in one atomic step, so a half-finished download never looks like a model.
 *
 * <p>The archive is streamed to a temporary file while its SHA-256 is computed. When a checksum
 * is given and does not match, the download is rejected and deleted. Unpacking refuses entries
 * that escape the target directory (zip-slip) or are absolute, and stops past a size limit.
 * Whatever fails, no temporary files are left behind.
 */
public final class ModelDownloader {

    private static final Logger log = LoggerFactory.getLogger(ModelDownloader.class);

    /** Large Vosk models unpack to about 3 GB; anything past this is refused. */
    public static final long DEFAULT_MAX_UNPACKED_BYTES = 6L * 1024 * 1024 * 1024;

    static final int MAX_ENTRIES = 20_000;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final SafeUnzip unzip;

    /** Connect timeout 20 s, 60 s for the response headers, redirects followed, 6 GB unpack cap. */
    public ModelDownloader() {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                Duration.ofSeconds(60),
                DEFAULT_MAX_UNPACKED_BYTES);
    }

    public ModelDownloader(HttpClient client, Duration requestTimeout, long maxUnpackedBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxUnpackedBytes <= 0) {
            throw new IllegalArgumentException(
                    "invalid unpack limit: " + maxUnpackedBytes + " bytes (expected > 0)");
        }
        this.unzip = new SafeUnzip(maxUnpackedBytes, MAX_ENTRIES);
    }

    /**
     * Downloads the model zip at {@code uri} into {@code cacheDir/<name>}, where the name is the
     * archive's file name without {@code .zip}, and returns that directory.
     *
     * @param sha256 expected SHA-256 of the archive as 64 hex digits; empty skips the check
     * @throws IOException naming the URI on an HTTP error, checksum mismatch, unsafe or oversized
     *     archive, or an archive without a Vosk model
     */
    public Path download(URI uri, Optional<String> sha256, Path cacheDir, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(progress, "progress");
        Optional<String> expected = Objects.requireNonNull(sha256, "sha256").map(ModelDownloader::hex);
        String name = modelName(uri);
        Files.createDirectories(Objects.requireNonNull(cacheDir, "cacheDir"));
        Path target = cacheDir.resolve(name);
        log.info("downloading Vosk model {} into {}", uri, target);
        Path archive = Files.createTempFile(cacheDir, name + "-", ".zip.part");
        Path unpacked = null;
        try {
            String actual = fetch(uri, archive, progress);
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw new IOException(
                        "checksum mismatch for " + uri + ": SHA-256 was " + actual + ", expected "
                                + expected.get() + "; the download was deleted");
            }
            if (expected.isEmpty()) {
                log.warn("the Vosk model {} was not checked against a known SHA-256; it is {} (pin it in "
                        + "configuration to check later downloads)", uri, actual);
            }
            unpacked = Files.createTempDirectory(cacheDir, name + "-unpack-");
            unzip.unpack(archive, unpacked);
            Path model = findModelRoot(unpacked, uri);
            return moveIntoPlace(model, target);
        } finally {
            Files.deleteIfExists(archive);
            if (unpacked != null) {
                deleteRecursively(unpacked);
            }
        }
    }

    /** The directory name a model archive unpacks to: its file name without {@code .zip}. */
    public static String modelName(URI uri) {
        String path = Objects.requireNonNull(uri, "uri").getPath();
        String file = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String name = file.toLowerCase(Locale.ROOT).endsWith(".zip")
                ? file.substring(0, file.length() - 4) : file;
        if (name.isEmpty() || name.startsWith(".")) {
            throw new IllegalArgumentException(
                    "invalid model URI: " + uri + " (expected a path ending in a file name like"
                            + " vosk-model-small-en-us-0.15.zip)");
        }
        return name;
    }

    private String fetch(URI uri, Path archive, ProgressListener progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + uri + " was interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(
                        "download of " + uri + " failed: HTTP " + response.statusCode() + " (expected 200)");
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = sha256();
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(archive)) {
                int n;
                while ((n = body.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    read += n;
                    progress.onProgress(read, total);
                }
            }
            if (total >= 0 && read != total) {
                throw new IOException(
                        "download of " + uri + " was cut short: " + read + " of " + total + " bytes");
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static Path findModelRoot(Path unpacked, URI uri) throws IOException {
        if (VoskModelLocator.isModelDirectory(unpacked)) {
            return unpacked;
        }
        try (Stream<Path> children = Files.list(unpacked)) {
            var dirs = children.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && VoskModelLocator.isModelDirectory(dirs.get(0))) {
                return dirs.get(0);
            }
        }
        throw new IOException(
                "archive from " + uri + " holds no Vosk model (expected am/final.mdl or final.mdl, and"
                        + " conf/, at its top level or in its single top-level folder)");
    }

    private static Path moveIntoPlace(Path model, Path target) throws IOException {
        try {
            return Files.move(model, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (VoskModelLocator.isModelDirectory(target)) {
                log.info("Vosk model {} appeared meanwhile (another download?); keeping it", target);
                return target;
            }
            throw new IOException("cannot move the unpacked model into place at " + target, e);
        }
    }

    private static String hex(String sha256) {
        String normalised = sha256.trim().toLowerCase(Locale.ROOT);
        if (!normalised.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "invalid SHA-256: \"" + sha256 + "\" (expected 64 hexadecimal digits)");
        }
        return normalised;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every JVM must have", e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(ModelDownloader::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
