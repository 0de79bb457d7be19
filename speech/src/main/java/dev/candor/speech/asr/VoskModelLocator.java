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

    /** The small US English model, about 40 MB (41,205,931 bytes). */
    public static final URI DEFAULT_MODEL_URI =
            URI.create("https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip");

    /**
     * SHA-256 of {@link #DEFAULT_MODEL_URI}'s archive, checked whenever that URI is downloaded without a
     * digest of its own. Alpha Cephei publishes no checksums, and Candor's builders could not download the
     * file, so this value is taken from packagers who pin it and whose tools refuse a mismatch, and who
     * agree: Automotive Grade Linux's Yocto layer (agl-ic-eg/meta-agl-devel,
     * meta-offline-voice-agent/recipes-vosk/vosk-model/vosk-model-small-en-us_0.15.bb, SRC_URI[model.sha256sum],
     * checked by BitBake's fetcher), the Arch User Repository's vosk-api-bin PKGBUILD (sha256sums, checked
     * by makepkg, fetched from the mirror path alphacephei.com/kaldi/models/), and the install-model.sh
     * script of Numen (sourcehut ~geb/numen, packaged in Alpine and the AUR), which compares sha256sum's
     * output before unpacking.
     */
    public static final String DEFAULT_MODEL_SHA256 =
            "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498";

    /** The digests Candor knows for archives at fixed URIs: only the default model's. */
    public static final Map<URI, String> PINNED_DIGESTS = Map.of(DEFAULT_MODEL_URI, DEFAULT_MODEL_SHA256);

    public static final String ENV_VARIABLE = "VOSK_MODEL";
    public static final String CONFIG_KEY = "speech.vosk.model";

    private final Optional<Path> configured;
    private final Map<String, String> env;
    private final Path cacheDir;
    private final Optional<URI> downloadUri;
    private final Optional<String> sha256;
    private final ModelDownloader downloader;
    private final ProgressListener progress;
    private final Map<URI, String> pinned;

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
        this(configured, env, cacheDir, downloadUri, sha256, downloader, progress, PINNED_DIGESTS);
    }

    /**
     * @param sha256 the digest the download must have; when empty, the URI's entry in {@code pinned}
     *     (if any) is checked instead, and otherwise nothing is checked (the digest is then logged)
     * @param pinned known digests by URI ({@link #PINNED_DIGESTS}; tests give their own server's)
     */
    VoskModelLocator(
            Optional<Path> configured,
            Map<String, String> env,
            Path cacheDir,
            Optional<URI> downloadUri,
            Optional<String> sha256,
            ModelDownloader downloader,
            ProgressListener progress,
            Map<URI, String> pinned) {
        this.pinned = Map.copyOf(Objects.requireNonNull(pinned, "pinned"));
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
            Path dir = downloader.download(uri, expectedSha256(uri), cacheDir, progress);
            return new ModelLookup.Found(dir, "download");
        } catch (IOException | IllegalArgumentException e) {
            String why = describe(e);
            log.warn("Vosk model download from {} failed: {}", uri, why);
            log.debug("Vosk model download failure", e);
            return new ModelLookup.Missing(
                    "no Vosk model found; looked at " + String.join(", ", looked) + ", and the download"
                            + " of " + uri + " failed: " + why + ". Fix: set " + CONFIG_KEY + " or "
                            + ENV_VARIABLE + " to an unpacked Vosk model directory, or unzip the model into "
                            + cacheDir);
        }
    }

    /**
     * What went wrong, readable without a stack trace: each exception in the cause chain by its type and
     * message, e.g. {@code ConnectException <- UnresolvedAddressException} for a host that cannot be resolved
     * (no internet), where the messages themselves are empty.
     */
    static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                out.append(" (").append(t.getMessage()).append(')');
            }
        }
        return out.toString();
    }

    /** The configured digest, else the one pinned for {@code uri}, else none. */
    Optional<String> expectedSha256(URI uri) {
        return sha256.or(() -> Optional.ofNullable(pinned.get(uri)));
    }

    private String cacheName() {
        return ModelDownloader.modelName(downloadUri.orElse(DEFAULT_MODEL_URI));
    }
}
