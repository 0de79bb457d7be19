package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {

    private static final String NAME = "vosk-model-test-0.1";

    @TempDir Path cacheDir;

    private final ModelServer server = newServer();
    private final ModelDownloader downloader = new ModelDownloader();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aMatchingChecksumUnpacksTheModelIntoTheCache() throws IOException {
        byte[] zip = ModelServer.modelZip(NAME);
        URI uri = server.serve("/models/" + NAME + ".zip", zip);
        List<long[]> progress = new ArrayList<>();

        Path model =
                downloader.download(
                        uri, Optional.of(ModelServer.sha256(zip).toUpperCase()), cacheDir,
                        (read, total) -> progress.add(new long[] {read, total}));

        assertThat(model).isEqualTo(cacheDir.resolve(NAME));
        assertThat(VoskModelLocator.isModelDirectory(model)).isTrue();
        assertThat(Files.readString(model.resolve("am/final.mdl"))).isEqualTo("acoustic model");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(zip.length, zip.length);
        assertThat(entries(cacheDir)).containsExactly(NAME);
    }

    @Test
    void withoutAChecksumTheModelIsStillUnpacked() throws IOException {
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.modelZip(NAME));

        Path model = downloader.download(uri, Optional.empty(), cacheDir, ProgressListener.silent());

        assertThat(VoskModelLocator.isModelDirectory(model)).isTrue();
    }

    @Test
    void aWrongChecksumIsRejectedAndLeavesNoFiles() {
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.modelZip(NAME));
        String wrong = "0".repeat(64);

        assertThatThrownBy(
                        () -> downloader.download(uri, Optional.of(wrong), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum mismatch for " + uri)
                .hasMessageContaining("expected " + wrong)
                .hasMessageContaining("deleted");
        assertThat(entries(cacheDir)).isEmpty();
    }

    @Test
    void anEntryThatEscapesTheTargetIsRejected() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(NAME + "/am/final.mdl", "model");
        entries.put(NAME + "/../../evil", "owned");
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.zip(entries));

        assertThatThrownBy(
                        () -> downloader.download(uri, Optional.empty(), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unsafe zip entry")
                .hasMessageContaining("../../evil");
        assertThat(entries(cacheDir)).isEmpty();
        assertThat(cacheDir.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void anAbsoluteEntryIsRejected() {
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.zip(Map.of("/tmp/evil", "owned")));

        assertThatThrownBy(
                        () -> downloader.download(uri, Optional.empty(), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("absolute");
        assertThat(entries(cacheDir)).isEmpty();
    }

    @Test
    void anArchiveLargerThanTheUnpackLimitIsRejected() {
        ModelDownloader small =
                new ModelDownloader(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(10), 1000);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(NAME + "/am/final.mdl", "x".repeat(2000)); // compresses well, unpacks big
        entries.put(NAME + "/conf/model.conf", "");
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.zip(entries));

        assertThatThrownBy(
                        () -> small.download(uri, Optional.empty(), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more than 1000 bytes");
        assertThat(entries(cacheDir)).isEmpty();
    }

    @Test
    void anArchiveWithoutAModelIsRejected() {
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.zip(Map.of("notes.txt", "hi")));

        assertThatThrownBy(
                        () -> downloader.download(uri, Optional.empty(), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds no Vosk model");
        assertThat(entries(cacheDir)).isEmpty();
    }

    @Test
    void http404IsAClearError() {
        URI uri = server.uri("/missing/" + NAME + ".zip");

        assertThatThrownBy(
                        () -> downloader.download(uri, Optional.empty(), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IOException.class)
                .hasMessage("download of " + uri + " failed: HTTP 404 (expected 200)");
        assertThat(entries(cacheDir)).isEmpty();
    }

    @Test
    void aMalformedChecksumIsRejectedBeforeDownloading() {
        URI uri = server.serve("/" + NAME + ".zip", ModelServer.modelZip(NAME));

        assertThatThrownBy(
                        () -> downloader.download(uri, Optional.of("abc"), cacheDir, ProgressListener.silent()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"abc\"");
        assertThat(server.requests()).isZero();
    }

    @Test
    void theModelNameIsTheArchiveNameWithoutZip() {
        assertThat(ModelDownloader.modelName(VoskModelLocator.DEFAULT_MODEL_URI))
                .isEqualTo("vosk-model-small-en-us-0.15");
    }

    private static List<String> entries(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ModelServer newServer() {
        try {
            return new ModelServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
