package dev.candor.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {

    @TempDir
    Path tmp;

    private CandorConfig reload(String yaml) throws IOException {
        Path f = Files.writeString(tmp.resolve("printed.yaml"), yaml);
        return ConfigLoader.load(Optional.of(f), Map.of(), List.of());
    }

    @Test
    void printedDefaultsReloadToAnEqualConfig() throws IOException {
        CandorConfig defaults = ConfigLoader.defaults();

        assertThat(reload(ConfigPrinter.toYaml(defaults))).isEqualTo(defaults);
    }

    @Test
    void printedCustomConfigReloadsToAnEqualConfig() throws IOException {
        CandorConfig custom = ConfigLoader.load(Optional.empty(), Map.of(), List.of(
                "company.name=Acme: \"Best\" #1",
                "sip.public-address=203.0.113.7",
                "sip.port=5070",
                "data.dir=" + tmp.resolve("data"),
                "recording.enabled=true",
                "speech.vosk.model=123",
                "speech.words-per-minute=172.5",
                "dialog.llm.provider=ollama",
                "dialog.llm.base-url=http://localhost:11434",
                "dialog.llm.model=llama3",
                "handoff.agents=[{name: 'yes', uri: \"sip:b@h\", skills: [a, 'true']}, {name: C, uri: \"sips:c@h\"}]",
                "handoff.cold-transfer={vip: \"sip:accounts@pbx.example.com\", high_value: \"sips:big@h:5061\"}"));

        assertThat(reload(ConfigPrinter.toYaml(custom))).isEqualTo(custom);
    }

    @Test
    void theApiKeyIsNeverPartOfThePrintedConfigurationOnlyTheNameOfItsVariable() throws IOException {
        CandorConfig withKey = ConfigLoader.load(Optional.empty(), Map.of("OPENAI_API_KEY", "sk-live-42"),
                List.of("dialog.llm.api-key-env=OPENAI_API_KEY"));

        String yaml = ConfigPrinter.toYaml(withKey);

        assertThat(yaml).doesNotContain("sk-live-42").contains("api-key-env: OPENAI_API_KEY");
        assertThat(withKey.dialog().llm().toString()).doesNotContain("sk-live-42");
        assertThat(withKey.dialog().llm().apiKey(Map.of("OPENAI_API_KEY", "sk-live-42"))).isEqualTo("sk-live-42");
    }

    @Test
    void secretNamesAreRecognised() {
        assertThat(ConfigKey.isSecretName("dialog.llm.api-key")).isTrue();
        assertThat(ConfigKey.isSecretName("dialog.llm.api-key-env")).isFalse();
        assertThat(ConfigKey.isSecretName("sip.trunk.password")).isTrue();
        assertThat(ConfigKey.isSecretName("sip.tls.keystore-password-env")).isFalse();
        assertThat(ConfigKey.isSecretName("recording.encryption-secret")).isTrue();
        assertThat(ConfigKey.isSecretName("http.admin-token")).isTrue();
        assertThat(ConfigKey.isSecretName("sip.public-address")).isFalse();
        assertThat(ConfigKey.isSecretName("recording.key-file")).isFalse();
    }
}
