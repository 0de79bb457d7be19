package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskModelLocatorTest {

    private static final String DEFAULT_NAME = "vosk-model-small-en-us-0.15";

    @TempDir Path root;

    @Test
    void theConfiguredPathComesFirst() throws IOException {
        Path configured = model(root.resolve("configured"));
        Path fromEnv = model(root.resolve("env"));
        model(cache().resolve(DEFAULT_NAME));

        ModelLookup lookup = locator(Optional.of(configured), Map.of("VOSK_MODEL", fromEnv.toString()),
                Optional.empty()).locate();

        assertThat(lookup).isEqualTo(new ModelLookup.Found(configured, "config"));
    }

    @Test
    void voskModelEnvironmentVariableComesNext() throws IOException {
        Path fromEnv = model(root.resolve("env"));
        model(cache().resolve(DEFAULT_NAME));

        ModelLookup lookup =
                locator(Optional.empty(), Map.of("VOSK_MODEL", fromEnv.toString()), Optional.empty())
                        .locate();

        assertThat(lookup).isEqualTo(new ModelLookup.Found(fromEnv, "VOSK_MODEL"));
    }

    @Test
    void thenTheCacheUnderTheModelsName() throws IOException {
        Path cached = model(cache().resolve(DEFAULT_NAME));

        ModelLookup lookup = locator(Optional.empty(), Map.of(), Optional.empty()).locate();

        assertThat(lookup).isEqualTo(new ModelLookup.Found(cached, "cache"));
    }

    @Test
    void aModelWithFinalMdlAtItsTopLevelCounts() throws IOException {
        Path dir = root.resolve("flat");
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("final.mdl"), "model");

        assertThat(VoskModelLocator.isModelDirectory(dir)).isTrue();
        assertThat(VoskModelLocator.isModelDirectory(root)).isFalse();
    }

    @Test
    void aConfiguredPathWithoutAModelIsMissingAndNamesTheKeyAndPath() {
        Path empty = root.resolve("nothing-here");

        ModelLookup lookup = locator(Optional.of(empty), Map.of(), Optional.empty()).locate();

        assertThat(lookup).isInstanceOf(ModelLookup.Missing.class);
        assertThat(((ModelLookup.Missing) lookup).explanation())
                .contains("speech.vosk.model", empty.toString(), "am/final.mdl");
    }

    @Test
    void nothingFoundWithoutADownloadExplainsWhereItLookedAndHowToFix() {
        ModelLookup lookup = locator(Optional.empty(), Map.of(), Optional.empty()).locate();

        assertThat(lookup).isInstanceOf(ModelLookup.Missing.class);
        assertThat(((ModelLookup.Missing) lookup).explanation())
                .contains(
                        "speech.vosk.model (not set)",
                        "VOSK_MODEL (not set)",
                        cache().resolve(DEFAULT_NAME) + " (absent)",
                        "set speech.vosk.model or VOSK_MODEL",
                        "allow the download of " + VoskModelLocator.DEFAULT_MODEL_URI);
    }

    @Test
    void downloadsIntoTheCacheWhenAllowedAndThenFindsItThere() throws IOException {
        try (ModelServer server = new ModelServer()) {
            URI uri = server.serve("/vosk-model-tiny-0.1.zip", ModelServer.modelZip("vosk-model-tiny-0.1"));
            Path expected = cache().resolve("vosk-model-tiny-0.1");

            ModelLookup first = locator(Optional.empty(), Map.of(), Optional.of(uri)).locate();
            ModelLookup second = locator(Optional.empty(), Map.of(), Optional.of(uri)).locate();

            assertThat(first).isEqualTo(new ModelLookup.Found(expected, "download"));
            assertThat(second).isEqualTo(new ModelLookup.Found(expected, "cache"));
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aFailedDownloadIsMissingWithTheReason() throws IOException {
        try (ModelServer server = new ModelServer()) {
            URI uri = server.uri("/vosk-model-gone-0.1.zip");

            ModelLookup lookup = locator(Optional.empty(), Map.of(), Optional.of(uri)).locate();

            assertThat(lookup).isInstanceOf(ModelLookup.Missing.class);
            assertThat(((ModelLookup.Missing) lookup).explanation())
                    .contains("download of " + uri + " failed", "HTTP 404", "VOSK_MODEL");
        }
    }

    @Test
    void aHostThatCannotBeReachedIsExplainedByTheCauseNotAsNull() {
        // A host name under .invalid never resolves (RFC 2606): what a machine without internet sees.
        URI uri = URI.create("http://vosk-models.invalid/vosk-model-small-en-us-0.15.zip");

        ModelLookup lookup = locator(Optional.empty(), Map.of(), Optional.of(uri)).locate();

        assertThat(lookup).isInstanceOf(ModelLookup.Missing.class);
        assertThat(((ModelLookup.Missing) lookup).explanation())
                .contains("download of " + uri + " failed: ").doesNotContain("failed: null")
                .containsPattern("failed: \\w+Exception");
    }

    @Test
    void aFailureIsDescribedByItsWholeCauseChain() {
        Exception failure = new java.net.ConnectException();
        failure.initCause(new java.nio.channels.UnresolvedAddressException());

        assertThat(VoskModelLocator.describe(failure)).isEqualTo("ConnectException <- UnresolvedAddressException");
        assertThat(VoskModelLocator.describe(new IOException("HTTP 404 from the server")))
                .isEqualTo("IOException (HTTP 404 from the server)");
    }

    @Test
    void theDefaultModelIsCheckedAgainstItsPinnedDigestWhenNoneIsConfigured() {
        VoskModelLocator unpinnedConfig = locator(Optional.empty(), Map.of(),
                Optional.of(VoskModelLocator.DEFAULT_MODEL_URI));

        assertThat(unpinnedConfig.expectedSha256(VoskModelLocator.DEFAULT_MODEL_URI))
                .contains("30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498");
        // Another URL without a digest keeps the old behaviour: downloaded unchecked, its digest logged.
        assertThat(unpinnedConfig.expectedSha256(URI.create("https://example.com/vosk-model-small-de-0.15.zip")))
                .isEmpty();
        // A configured digest always wins.
        String mine = "ab".repeat(32);
        VoskModelLocator configured = new VoskModelLocator(Optional.empty(), Map.of(), cache(),
                Optional.of(VoskModelLocator.DEFAULT_MODEL_URI), Optional.of(mine), new ModelDownloader(),
                ProgressListener.silent());
        assertThat(configured.expectedSha256(VoskModelLocator.DEFAULT_MODEL_URI)).contains(mine);
    }

    @Test
    void anArchiveThatDoesNotMatchThePinnedDigestIsRefusedAndLeavesNothing() throws IOException {
        try (ModelServer server = new ModelServer()) {
            // Not the real model: the bytes behind a pinned URL were swapped.
            URI uri = server.serve("/vosk-model-small-en-us-0.15.zip", ModelServer.modelZip("vosk-model-small-en-us-0.15"));

            ModelLookup lookup = new VoskModelLocator(Optional.empty(), Map.of(), cache(), Optional.of(uri),
                    Optional.empty(), new ModelDownloader(), ProgressListener.silent(),
                    Map.of(uri, VoskModelLocator.DEFAULT_MODEL_SHA256)).locate();

            assertThat(lookup).isInstanceOf(ModelLookup.Missing.class);
            assertThat(((ModelLookup.Missing) lookup).explanation())
                    .contains("checksum mismatch", "expected " + VoskModelLocator.DEFAULT_MODEL_SHA256,
                            "the download was deleted");
            try (var left = Files.list(cache())) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void anArchiveThatMatchesThePinnedDigestIsUnpacked() throws IOException {
        try (ModelServer server = new ModelServer()) {
            byte[] zip = ModelServer.modelZip("vosk-model-small-en-us-0.15");
            URI uri = server.serve("/vosk-model-small-en-us-0.15.zip", zip);

            ModelLookup lookup = new VoskModelLocator(Optional.empty(), Map.of(), cache(), Optional.of(uri),
                    Optional.empty(), new ModelDownloader(), ProgressListener.silent(),
                    Map.of(uri, ModelServer.sha256(zip))).locate();

            assertThat(lookup).isEqualTo(new ModelLookup.Found(cache().resolve(DEFAULT_NAME), "download"));
        }
    }

    private VoskModelLocator locator(
            Optional<Path> configured, Map<String, String> env, Optional<URI> download) {
        return new VoskModelLocator(configured, env, cache(), download, Optional.empty(),
                new ModelDownloader(), ProgressListener.silent());
    }

    private Path cache() {
        return root.resolve("cache");
    }

    private static Path model(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("am"));
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("am/final.mdl"), "model");
        return dir;
    }
}
