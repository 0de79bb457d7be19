package dev.candor.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigErrorsTest {

    @TempDir
    Path tmp;

    private static ConfigException failure(String... sets) {
        return catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(), List.of(sets)));
    }

    private ConfigException fileFailure(String yaml) throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, yaml);
        return catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Optional.of(f), Map.of(), List.of()));
    }

    @Test
    void portOutOfRangeNamesKeyValueAndRange() {
        ConfigException e = failure("sip.port=70000");

        assertThat(e).hasMessage("invalid sip.port: \"70000\" (expected an integer 1-65535)");
        assertThat(e.key()).isEqualTo("sip.port");
        assertThat(e.value()).isEqualTo("\"70000\"");
        assertThat(e.expected()).isEqualTo("an integer 1-65535");
    }

    @Test
    void portOutOfRangeInFileShowsTheNumber() throws IOException {
        assertThat(fileFailure("sip:\n  port: 70000\n"))
                .hasMessage("invalid sip.port: 70000 (expected an integer 1-65535)");
    }

    @Test
    void unknownKeyInFileListsKnownKeysOfItsSection() throws IOException {
        ConfigException e = fileFailure("sip:\n  prot: 5060\n");

        assertThat(e).hasMessage("unknown configuration key: sip.prot "
                + "(known keys under sip: bind, port, public-address, max-message-bytes, max-concurrent-calls, "
                + "timers.t1-millis, timers.t2-millis, timers.t4-millis, trusted-addresses, rate-limit.requests-per-second, rate-limit.burst, "
                + "rate-limit.ban-after-excess, rate-limit.ban-seconds, rate-limit.max-tracked-sources, "
                + "registrar.realm, registrar.users, trunk.username, trunk.password, trunk.registrar, "
                + "trunk.register-expiry-seconds, trunk.outbound-proxy, tcp.enabled, tcp.idle-timeout-seconds, tcp.max-connections, "
                + "tcp.max-connections-per-source, "
                + "tls.port, tls.keystore, tls.keystore-password-env, tls.trust-store, tls.trust-store-password-env)");
        assertThat(e.key()).isEqualTo("sip.prot");
    }

    @Test
    void perSourceConnectionCapMustBeAPositiveInteger() {
        ConfigException e = failure("sip.tcp.max-connections-per-source=0");

        assertThat(e).hasMessage("invalid sip.tcp.max-connections-per-source: \"0\" (expected an integer 1-1000000)");
        assertThat(e.key()).isEqualTo("sip.tcp.max-connections-per-source");
    }

    @Test
    void trustStoreThatIsNotAFileIsRejectedNamingTheKey() throws IOException {
        Path keystore = Files.write(tmp.resolve("candor.p12"), new byte[] {1});
        ConfigException e = failure("sip.tls.keystore=" + keystore, "sip.tls.trust-store=" + tmp.resolve("missing.jks"));

        assertThat(e.key()).isEqualTo("sip.tls.trust-store");
        assertThat(e.getMessage()).contains("missing.jks").contains("a readable PKCS#12 or JKS file");
    }

    @Test
    void trustStoreWithoutAKeystoreIsAcceptedForConnectOnlyTls() throws IOException {
        Path trust = Files.write(tmp.resolve("trust.jks"), new byte[] {1});
        CandorConfig config = ConfigLoader.load(Optional.empty(), Map.of(), List.of("sip.tls.trust-store=" + trust));

        assertThat(config.sip().transports().tlsKeystore()).isEmpty();
        assertThat(config.sip().transports().tlsTrustStore()).isEqualTo(trust.toString());
    }

    @Test
    void trustedAddressThatIsAHostNameIsRejectedNamingTheEntry() {
        ConfigException e = failure("sip.trusted-addresses=203.0.113.5, trunk.example.com");

        assertThat(e.key()).isEqualTo("sip.trusted-addresses");
        assertThat(e.getMessage()).contains("trunk.example.com").contains("CIDR");
    }

    @Test
    void registrarUserWithABadHa1IsRejectedWithoutShowingIt() {
        ConfigException e = failure("sip.registrar.users=alice:0123456789abcdef");

        assertThat(e.key()).isEqualTo("sip.registrar.users");
        assertThat(e.getMessage()).contains("user alice").doesNotContain("0123456789abcdef");
    }

    @Test
    void rateLimitOfZeroIsRejected() {
        assertThat(failure("sip.rate-limit.requests-per-second=0"))
                .hasMessage("invalid sip.rate-limit.requests-per-second: \"0\" (expected a number 0.1-1000000)");
    }

    @Test
    void aDialUriWithoutTheNumberIsRejected() {
        assertThat(failure("campaigns.dial-uri=sip:trunk.example.com")).hasMessage("invalid campaigns.dial-uri: "
                + "\"sip:trunk.example.com\" (expected a SIP URI holding {number}, e.g. sip:{number}@trunk.example.com, or \"\")");
        assertThat(failure("leads.default-country-code=1234")).hasMessageContaining("invalid leads.default-country-code")
                .hasMessageContaining("1-3 digits");
    }

    @Test
    void unknownTopLevelKeyListsTopLevelKeys() {
        assertThat(failure("sipp.port=5060")).hasMessage("unknown configuration key: sipp.port "
                + "(known top-level keys: company, sip, rtp, http, data, recording, speech, dialog, handoff, leads, campaigns)");
    }

    @Test
    void unknownDottedKeyInFileIsRejected() throws IOException {
        assertThat(fileFailure("dialog.llm.modle: x\n").key()).isEqualTo("dialog.llm.modle");
    }

    @Test
    void unreadableFileNamesThePath() {
        Path missing = tmp.resolve("x.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Optional.of(missing), Map.of(), List.of()));

        assertThat(e).hasMessage("cannot read config file " + missing + ": no such file");
        assertThat(e.value()).isEqualTo(missing.toString());
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        ConfigException e = fileFailure("sip:\n  port: [5060\n");

        assertThat(e.getMessage()).startsWith("cannot read config file ").contains("line ").doesNotContain("\n");
    }

    @Test
    void yamlTagsForArbitraryTypesAreRejected() throws IOException {
        ConfigException e = fileFailure("company:\n  name: !!java.io.File [/etc/passwd]\n");

        assertThat(e.getMessage()).startsWith("cannot read config file ").doesNotContain("\n");
    }

    @Test
    void wrongTypeNamesTheType() throws IOException {
        assertThat(fileFailure("sip:\n  port: [5060]\n"))
                .hasMessage("invalid sip.port: [5060] (expected an integer 1-65535, got a list)");
        assertThat(fileFailure("recording:\n  enabled: 3\n"))
                .hasMessage("invalid recording.enabled: 3 (expected true or false, got an integer)");
        assertThat(fileFailure("sip: 5060\n"))
                .hasMessage("invalid sip: 5060 (expected a map of sip.* keys, got an integer)");
    }

    @Test
    void agentUriMustBeSip() {
        assertThat(failure("handoff.agents=[{name: Alice, uri: \"alice\"}]"))
                .hasMessage("invalid handoff.agents[0].uri: \"alice\" (expected a sip: or sips: URI)");
    }

    @Test
    void unknownAgentFieldIsRejected() {
        assertThat(failure("handoff.agents=[{name: A, uri: \"sip:a@h\", skils: [x]}]"))
                .hasMessage("unknown configuration key: handoff.agents[0].skils "
                        + "(known keys under handoff.agents[]: name, uri, skills)");
    }

    @Test
    void duplicateAgentNamesAreRejected() {
        assertThat(failure("handoff.agents=[{name: A, uri: \"sip:a@h\"}, {name: A, uri: \"sip:b@h\"}]").key())
                .isEqualTo("handoff.agents[1].name");
    }

    @Test
    void setWithoutEqualsIsRejected() {
        assertThat(failure("sip.port")).hasMessage("invalid --set: \"sip.port\" (expected key=value)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rtp.port-min=20001|invalid rtp.port-min: 20001 (expected an even port number)",
        "rtp.port-max=20000|invalid rtp.port-max: 20000 (expected at least rtp.port-min + 1 = 20001, a range of 2 ports or more)",
        "http.port=5060|invalid http.port: 5060 (expected a port other than sip.port)",
        "http.port=20500|invalid http.port: 20500 (expected a port outside the RTP range 20000-20999)",
        "dialog.llm.provider=gpt|invalid dialog.llm.provider: \"gpt\" (expected one of none, openai, ollama)",
        "dialog.llm.timeout-millis=50|invalid dialog.llm.timeout-millis: \"50\" (expected an integer 100-60000)",
        "dialog.llm.api-key-env=sk-abc 123|invalid dialog.llm.api-key-env: \"sk-abc 123\" (expected the name of an environment variable (letters, digits and _), or \"\" for no key)",
        "speech.words-per-minute=fast|invalid speech.words-per-minute: \"fast\" (expected a number 50-500)",
        "recording.enabled=maybe|invalid recording.enabled: \"maybe\" (expected true or false)",
        "sip.bind=not an address|invalid sip.bind: \"not an address\" (expected an IP address or host name, 0.0.0.0 for every interface)",
        "company.name=  |invalid company.name: \"\" (expected a non-empty company name)",
    })
    void invalidValueNamesKeyValueAndExpectation(String set, String message) {
        assertThat(failure(set)).hasMessage(message);
    }

    @Test
    void providerOtherThanNoneNeedsHttpBaseUrl() {
        assertThat(failure("dialog.llm.provider=openai", "dialog.llm.model=m", "dialog.llm.base-url=ftp://x"))
                .hasMessage("invalid dialog.llm.base-url: \"ftp://x\" "
                        + "(expected an http:// or https:// URL when dialog.llm.provider is openai)");
    }

    @Test
    void providerOtherThanNoneNeedsModel() {
        assertThat(failure("dialog.llm.provider=ollama", "dialog.llm.base-url=http://localhost:11434"))
                .hasMessage("invalid dialog.llm.model: \"\" (expected a model name when dialog.llm.provider is ollama)");
    }

    @Test
    void dataDirThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");

        ConfigException e = failure("data.dir=" + file);

        assertThat(e.key()).isEqualTo("data.dir");
        assertThat(e.expected()).isEqualTo("a writable folder, or one that can be created");
    }

    @Test
    void anApiKeyInTheFileIsRejectedWithoutShowingIt() throws IOException {
        ConfigException e = fileFailure("dialog:\n  llm:\n    api-key: sk-secret-value\n");

        assertThat(e.getMessage()).doesNotContain("sk-secret-value").contains("dialog.llm.api-key");
    }

    @Test
    void aTrunkRegistrarNeedsAUserName() {
        assertThat(failure("sip.trunk.registrar=sip:trunk.example.com")).hasMessage(
                "invalid sip.trunk.registrar: \"sip:trunk.example.com\" (expected \"\" unless sip.trunk.username "
                        + "is set (Candor registers as that user))");
    }

    @Test
    void trunkUrisMustBeSipUris() {
        assertThat(failure("sip.trunk.username=candor", "sip.trunk.registrar=http://trunk")).hasMessageStartingWith(
                "invalid sip.trunk.registrar: \"http://trunk\" (expected a SIP URI");
        assertThat(failure("sip.trunk.outbound-proxy=sip:")).hasMessageStartingWith(
                "invalid sip.trunk.outbound-proxy: \"sip:\" (expected a SIP URI");
    }

    @Test
    void registerExpiryOutOfRangeNamesTheRange() {
        assertThat(failure("sip.trunk.register-expiry-seconds=10"))
                .hasMessage("invalid sip.trunk.register-expiry-seconds: \"10\" (expected an integer 60-86400)");
    }

    @Test
    void aMissingKeystoreStopsStartUp() {
        assertThat(failure("sip.tls.keystore=" + tmp.resolve("nope.p12"))).hasMessageStartingWith(
                "invalid sip.tls.keystore: ").hasMessageContaining("(expected a readable PKCS#12 file");
    }

    @Test
    void theTlsPortMustDifferFromTheSipPort() throws IOException {
        Path keystore = Files.write(tmp.resolve("k.p12"), new byte[] {1});
        assertThat(failure("sip.tls.keystore=" + keystore, "sip.tls.port=5060"))
                .hasMessage("invalid sip.tls.port: 5060 (expected a port other than sip.port)");
    }
}
