package dev.candor.speech.asr;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Vosk model directory, in this order: the configured path ({@code speech.vosk.model}),
 * the {@code VOSK_MODEL} environment variable, {@code <cacheDir>/<model-name>}, and finally a
 * download into the cache when a download URI is given.
 *
 * <p>A configured path or {@code VOSK_MODEL} that is set but does not hold a model is an error,
 * not a reason to look further: the operator asked for that model. A directory holds a model when
 * it contains {@code am/final.mdl} (or {@code final.mdl}) and a {@code conf/} directory.
 */
public final class VoskModelLocator {

    private static final Logger log = LoggerFactory.getLogger(VoskModelLocator.class);

    /** The small US English model, about 40 MB. Its publisher gives no checksum to pin. */
    public static final URI DEFAULT_MODEL_URI =
            URI.create("https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip");

    public static final String ENV_VARIABLE = "VOSK_MODEL";
    public static final String CONFIG_KEY = "speech.vosk.model";

    private final Optional<Path> configured;
    private final Map<String, String> env;
    private final Path cacheDir;
    private final Optional<URI> downloadUri;
    private final Optional<String> sha256;
    private final ModelDownloader downloader;
    private final ProgressListener progress;

    /** A locator that downloads with a default {@link ModelDownloader} and a console progress bar. */
    public VoskModelLocator(
            Optional<Path> configured,
            Map<String, String> env,
            Path cacheDir,
            Optional<URI> downloadUri,
            Optional<String> sha256) {
        this(configured, env, cacheDir, downloadUri, sha256, new ModelDownloader(),
                new ConsoleProgressBar());
    }

    public VoskModelLocator(
            Optional<Path> configured,
            Map<String, String> env,
            Path cacheDir,
            Optional<URI> downloadUri,
            Optional<String> sha256,
            ModelDownloader downloader,
            ProgressListener progress) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.downloadUri = Objects.requireNonNull(downloadUri, "downloadUri");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** True when {@code dir} holds {@code am/final.mdl} or {@code final.mdl}, and {@code conf/}. */
    public static boolean isModelDirectory(Path dir) {
        return Files.isDirectory(dir)
                && (Files.isRegularFile(dir.resolve("am").resolve("final.mdl"))
                        || Files.isRegularFile(dir.resolve("final.mdl")))
                && Files.isDirectory(dir.resolve("conf"));
    }

    /** Looks in order and returns the first model found, or why there is none and how to fix it. */
    public ModelLookup locate() {
        List<String> looked = new ArrayList<>();
        if (configured.isPresent()) {
            return check(configured.get(), "config", CONFIG_KEY);
        }
        looked.add(CONFIG_KEY + " (not set)");
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return check(Path.of(fromEnv.trim()), ENV_VARIABLE, ENV_VARIABLE);
        }
        looked.add(ENV_VARIABLE + " (not set)");
        Path cached = cacheDir.resolve(cacheName());
        if (isModelDirectory(cached)) {
            return new ModelLookup.Found(cached, "cache");
        }
        looked.add(cached + (Files.exists(cached) ? " (exists but holds no model)" : " (absent)"));
        if (downloadUri.isEmpty()) {
            return new ModelLookup.Missing(
                    "no Vosk model found; looked at " + String.join(", ", looked) + ". Fix: set "
                            + CONFIG_KEY + " or " + ENV_VARIABLE + " to an unpacked Vosk model directory, or"
                            + " allow the download of " + DEFAULT_MODEL_URI + " into " + cacheDir);
        }
        return download(downloadUri.get(), looked);
    }

    private ModelLookup check(Path dir, String source, String setting) {
        if (isModelDirectory(dir)) {
            return new ModelLookup.Found(dir, source);
        }
        return new ModelLookup.Missing(
                setting + " is " + dir + ", which is not a Vosk model directory (expected am/final.mdl"
                        + " or final.mdl, and conf/, inside it). Fix: point " + setting + " at an unpacked"
                        + " model, or unset it to use the cache " + cacheDir + " and the download");
    }

    private ModelLookup download(URI uri, List<String> looked) {
        try {
            Path dir = downloader.download(uri, sha256, cacheDir, progress);
            return new ModelLookup.Found(dir, "download");
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Vosk model download from {} failed", uri, e);
            return new ModelLookup.Missing(
                    "no Vosk model found; looked at " + String.join(", ", looked) + ", and the download"
                            + " of " + uri + " failed: " + e.getMessage() + ". Fix: set " + CONFIG_KEY + " or "
                            + ENV_VARIABLE + " to an unpacked Vosk model directory, or unzip the model into "
                            + cacheDir);
        }
    }

    private String cacheName() {
        return ModelDownloader.modelName(downloadUri.orElse(DEFAULT_MODEL_URI));
    }
}
