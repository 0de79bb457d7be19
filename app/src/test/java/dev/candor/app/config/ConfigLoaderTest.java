package dev.candor.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.candor.app.config.CandorConfig.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private Path file(String yaml) throws IOException {
        Path f = tmp.resolve("candor.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static CandorConfig load(Path file, Map<String, String> env, String... sets) {
        return ConfigLoader.load(Optional.ofNullable(file), env, List.of(sets));
    }

    @Test
    void defaultsLoadWithoutAFile() {
        CandorConfig c = ConfigLoader.load(Optional.empty(), Map.of(), List.of());

        assertThat(c.company().name()).isEqualTo("Candor Demo Company");
        assertThat(c.sip()).isEqualTo(new CandorConfig.Sip("0.0.0.0", 5060, "", 65535));
        assertThat(c.rtp()).isEqualTo(new CandorConfig.Rtp(20000, 20999, 5));
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.data().dir()).isEqualTo(Path.of("./data"));
        assertThat(c.recording().enabled()).isFalse();
        assertThat(c.speech()).isEqualTo(new CandorConfig.Speech("", "kevin16", 150, true,
                "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip", ""));
        assertThat(c.dialog().llm()).isEqualTo(new CandorConfig.Llm("none", "", "", "OPENAI_API_KEY", 2500));
        assertThat(c.handoff().agents())
                .containsExactly(new Agent("Alice", "sip:alice@127.0.0.1:5070", List.of("sales")));
        assertThat(c.handoff().answerTimeoutSeconds()).isEqualTo(20);
    }

    @Test
    void fileOverridesDefaultsWithNestedAndDottedKeys() throws IOException {
        Path f = file("""
                company:
                  name: Acme
                sip:
                  port: 5070
                speech.vosk.model: /models/vosk-en
                dialog:
                  llm.provider: ollama
                  llm:
                    base-url: http://localhost:11434
                    model: llama3
                handoff:
                  agents:
                    - {name: Bob, uri: "sips:bob@10.0.0.5", skills: [sales, support]}
                """);

        CandorConfig c = load(f, Map.of());

        assertThat(c.company().name()).isEqualTo("Acme");
        assertThat(c.sip().port()).isEqualTo(5070);
        assertThat(c.sip().bind()).isEqualTo("0.0.0.0");
        assertThat(c.speech().voskModel()).isEqualTo("/models/vosk-en");
        assertThat(c.dialog().llm().provider()).isEqualTo("ollama");
        assertThat(c.dialog().llm().model()).isEqualTo("llama3");
        assertThat(c.handoff().agents())
                .containsExactly(new Agent("Bob", "sips:bob@10.0.0.5", List.of("sales", "support")));
    }

    @Test
    void floodLimitsComeFromFileAndTrustedAddressesFromTheEnvironmentAsCommaSeparatedText() throws IOException {
        Path f = file("""
                sip:
                  max-concurrent-calls: 40
                  trusted-addresses: [203.0.113.5, 198.51.100.0/24]
                  rate-limit:
                    requests-per-second: 2.5
                    ban-seconds: 0
                """);

        CandorConfig fromFile = load(f, Map.of());
        CandorConfig fromEnv = load(f, Map.of("CANDOR_SIP_TRUSTED_ADDRESSES", "10.1.2.3 , 2001:db8::/32"));

        assertThat(fromFile.sip().maxConcurrentCalls()).isEqualTo(40);
        assertThat(fromFile.sip().trustedAddresses()).containsExactly("203.0.113.5", "198.51.100.0/24");
        assertThat(fromFile.sip().rateLimit()).isEqualTo(new CandorConfig.RateLimit(2.5, 40, 100, 0, 10_000));
        assertThat(fromEnv.sip().trustedAddresses()).containsExactly("10.1.2.3", "2001:db8::/32");
    }

    @Test
    void registrarUsersAndTrunkPasswordArePrintedMasked() {
        String ha1 = "5f4dcc3b5aa765d61d8327deb882cf99";
        CandorConfig c = load(null, Map.of("CANDOR_SIP_TRUNK_PASSWORD", "trunk-pw"),
                "sip.registrar.users=alice:" + ha1, "sip.trunk.username=candor");

        assertThat(c.sip().registrar().users()).containsExactly("alice:" + ha1);
        String printed = ConfigPrinter.toYaml(c);
        assertThat(printed).contains("alice:****").doesNotContain(ha1).doesNotContain("trunk-pw");
        assertThat(c.toString()).doesNotContain(ha1).doesNotContain("trunk-pw");
    }

    @Test
    void emptyFileKeepsDefaults() throws IOException {
        assertThat(load(file(""), Map.of())).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void environmentOverridesFile() throws IOException {
        Path f = file("sip: {port: 5070}\nhandoff: {answer-timeout-seconds: 30}\n");

        CandorConfig c = load(f, Map.of(
                "CANDOR_SIP_PORT", "5080",
                "CANDOR_HANDOFF_ANSWER_TIMEOUT_SECONDS", "45",
                "CANDOR_RECORDING_ENABLED", "true",
                "CANDOR_NOT_A_KEY", "ignored",
                "PATH", "/usr/bin"));

        assertThat(c.sip().port()).isEqualTo(5080);
        assertThat(c.handoff().answerTimeoutSeconds()).isEqualTo(45);
        assertThat(c.recording().enabled()).isTrue();
    }

    @Test
    void setOverridesEnvironmentAndLaterSetWins() {
        CandorConfig c = load(null, Map.of("CANDOR_SIP_PORT", "5080"),
                "sip.port=5090", "company.name=First", "company.name=Second = Best");

        assertThat(c.sip().port()).isEqualTo(5090);
        assertThat(c.company().name()).isEqualTo("Second = Best");
    }

    @Test
    void agentsCanBeSetAsYamlFlowSequence() {
        CandorConfig c = load(null, Map.of(),
                "handoff.agents=[{name: Bob, uri: \"sip:bob@10.0.0.5\"}, {name: Carol, uri: \"sip:carol@h\", skills: [vip]}]");

        assertThat(c.handoff().agents()).containsExactly(
                new Agent("Bob", "sip:bob@10.0.0.5", List.of()),
                new Agent("Carol", "sip:carol@h", List.of("vip")));
    }

    @Test
    void agentsCanBeSetFromTheEnvironment() {
        CandorConfig c = load(null, Map.of("CANDOR_HANDOFF_AGENTS", "[]"));

        assertThat(c.handoff().agents()).isEmpty();
    }

    @Test
    void openAiProviderWithUrlAndModelLoads() {
        CandorConfig c = load(null, Map.of("CANDOR_DIALOG_LLM_API_KEY_ENV", "MY_LLM_KEY"),
                "dialog.llm.provider=openai", "dialog.llm.base-url=https://api.openai.com/v1",
                "dialog.llm.model=gpt-4o-mini");

        assertThat(c.dialog().llm().enabled()).isTrue();
        assertThat(c.dialog().llm().apiKeyEnv()).isEqualTo("MY_LLM_KEY");
        assertThat(c.dialog().llm().apiKey(Map.of("MY_LLM_KEY", "sk-123"))).isEqualTo("sk-123");
        assertThat(c.dialog().llm().timeoutMillis()).isEqualTo(2500);
    }

    @Test
    void dataDirThatDoesNotExistYetIsAcceptedButNotCreated() {
        Path dir = tmp.resolve("a/b/data");

        CandorConfig c = load(null, Map.of(), "data.dir=" + dir);

        assertThat(c.data().dir()).isEqualTo(dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void defaultsFileHasOneCommentedEntryPerKey() throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream("candor-defaults.yaml")) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            for (ConfigKey key : ConfigKey.values()) {
                String leaf = key.key().substring(key.key().lastIndexOf('.') + 1);
                int at = -1;
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).strip().startsWith(leaf + ":")) {
                        at = i;
                    }
                }
                assertThat(at).as("entry for %s", key.key()).isPositive();
                assertThat(lines.get(at - 1).strip()).as("comment above %s", key.key()).startsWith("#");
            }
        }
    }
}
