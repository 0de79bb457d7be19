package dev.candor.app.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code speech.vosk.download*}: whether, from where and checked against what a model is downloaded. */
class VoskDownloadConfigTest {

    @Test
    void downloadsTheSmallEnglishModelByDefault() {
        CandorConfig.Speech s = ConfigLoader.defaults().speech();
        assertThat(s.voskDownload()).isTrue();
        assertThat(s.voskDownloadUrl()).endsWith("/vosk-model-small-en-us-0.15.zip");
        assertThat(s.voskDownloadSha256()).isEmpty();
    }

    @Test
    void aPinnedDigestIsKeptLowerCase() {
        String sha = "AB".repeat(32);
        CandorConfig.Speech s = ConfigLoader.load(Optional.empty(), Map.of(),
                List.of("speech.vosk.download-sha256=" + sha, "speech.vosk.download=false")).speech();
        assertThat(s.voskDownloadSha256()).isEqualTo(sha.toLowerCase());
        assertThat(s.voskDownload()).isFalse();
    }

    @Test
    void aBadDigestOrAPlainHttpUrlNamesTheKey() {
        ConfigException sha = failure("speech.vosk.download-sha256=abc");
        assertThat(sha.key()).isEqualTo("speech.vosk.download-sha256");
        assertThat(sha.getMessage()).contains("64 hexadecimal digits");

        ConfigException url = failure("speech.vosk.download-url=http://example.com/model.zip");
        assertThat(url.key()).isEqualTo("speech.vosk.download-url");
        assertThat(url.getMessage()).contains("https://");
    }

    private static ConfigException failure(String... sets) {
        return catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(), List.of(sets)));
    }
}
