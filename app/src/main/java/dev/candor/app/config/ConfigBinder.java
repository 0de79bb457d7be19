package dev.candor.app.config;

import dev.candor.app.config.CandorConfig.Company;
import dev.candor.app.config.CandorConfig.Data;
import dev.candor.app.config.CandorConfig.DialogSettings;
import dev.candor.app.config.CandorConfig.Handoff;
import dev.candor.app.config.CandorConfig.Http;
import dev.candor.app.config.CandorConfig.Llm;
import dev.candor.app.config.CandorConfig.RateLimit;
import dev.candor.app.config.CandorConfig.RegistrarUsers;
import dev.candor.app.config.CandorConfig.Transports;
import dev.candor.app.config.CandorConfig.Trunk;
import dev.candor.telephony.sip.auth.DigestAlgorithm;
import dev.candor.telephony.sip.auth.RegistrarCredentials;
import dev.candor.telephony.sip.auth.RegistrarSettings;
import dev.candor.app.config.CandorConfig.Recording;
import dev.candor.app.config.CandorConfig.Rtp;
import dev.candor.app.config.CandorConfig.Sip;
import dev.candor.app.config.CandorConfig.Speech;
import dev.candor.telephony.sip.limits.TrustedAddresses;
import dev.candor.telephony.sip.message.SipUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns one raw value per key into a validated {@link CandorConfig}: types, ranges, formats and
 * the rules between keys (RTP range, distinct ports, LLM settings when a provider is chosen).
 */
final class ConfigBinder {

    static final List<String> PROVIDERS = List.of("none", "openai", "ollama");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%_\\-\\[\\]]+");

    private final Map<ConfigKey, Object> raw;

    private ConfigBinder(Map<ConfigKey, Object> raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** Binds a complete map (one entry per {@link ConfigKey}). */
    static CandorConfig bind(Map<ConfigKey, Object> raw) {
        return new ConfigBinder(raw).bind();
    }

    private CandorConfig bind() {
        Sip sip = sip();
        Http http = new Http(port(ConfigKey.HTTP_PORT));
        Rtp rtp = rtp(sip, http);
        if (http.port() == sip.port()) {
            throw invalid(ConfigKey.HTTP_PORT, http.port(), "a port other than sip.port");
        }
        return new CandorConfig(
                new Company(nonBlank(ConfigKey.COMPANY_NAME, "a non-empty company name"), timeZone()),
                sip, rtp, http,
                new Data(dataDir()),
                recording(),
                speech(),
                dialog(),
                new Handoff(AgentListValue.read(raw(ConfigKey.HANDOFF_AGENTS)),
                        integer(ConfigKey.HANDOFF_ANSWER_TIMEOUT_SECONDS, 1, 600),
                        ColdTransferValue.read(raw(ConfigKey.HANDOFF_COLD_TRANSFER)),
                        ReasonMapValue.read(ConfigKey.HANDOFF_SKILLS, raw(ConfigKey.HANDOFF_SKILLS),
                                skill -> skill.matches("[A-Za-z0-9_.-]{1,40}"), "a skill name (letters, digits, _ . -)",
                                "a map from handoff reason to the skill an agent needs, e.g. {high_value: enterprise}"),
                        integer(ConfigKey.HANDOFF_WRAP_UP_SECONDS, 0, 3600),
                        integer(ConfigKey.HANDOFF_MAX_WAIT_SECONDS, 10, 3600),
                        integer(ConfigKey.HANDOFF_POSITION_INTERVAL_SECONDS, 5, 600)),
                campaigns());
    }

    /** {@code leads.*} and {@code campaigns.*}: the dial URI must hold {number} and be a SIP URI. */
    private CandorConfig.Campaigns campaigns() {
        String countryCode = text(ConfigKey.LEADS_DEFAULT_COUNTRY_CODE).strip().replaceFirst("^\\+", "");
        if (!countryCode.isEmpty() && !countryCode.matches("[1-9][0-9]{0,2}")) {
            throw invalid(ConfigKey.LEADS_DEFAULT_COUNTRY_CODE, countryCode, "1-3 digits such as 1 or 44, or \"\"");
        }
        String nodeId = text(ConfigKey.CAMPAIGNS_NODE_ID).strip();
        if (!nodeId.matches("[A-Za-z0-9_.:-]{0,64}")) {
            throw invalid(ConfigKey.CAMPAIGNS_NODE_ID, nodeId, "up to 64 letters, digits, _ . : - (\"\" = automatic)");
        }
        String dialUri = text(ConfigKey.CAMPAIGNS_DIAL_URI).strip();
        if (!dialUri.isEmpty()) {
            var parsed = SipUri.parse(dialUri.replace("{number}", "+15550100"));
            if (!dialUri.contains("{number}") || !parsed.isOk() || !parsed.orElseThrow().isSip()) {
                throw invalid(ConfigKey.CAMPAIGNS_DIAL_URI, dialUri,
                        "a SIP URI holding {number}, e.g. sip:{number}@trunk.example.com, or \"\"");
            }
        }
        return new CandorConfig.Campaigns(countryCode,
                ConfigValues.bool(key(ConfigKey.CAMPAIGNS_ENABLED), raw(ConfigKey.CAMPAIGNS_ENABLED)), nodeId, dialUri,
                integer(ConfigKey.CAMPAIGNS_TICK_MILLIS, 100, 60_000),
                integer(ConfigKey.CAMPAIGNS_LEASE_SECONDS, 30, 86_400),
                integer(ConfigKey.CAMPAIGNS_RING_SECONDS, 5, 300),
                ConfigValues.bool(key(ConfigKey.CAMPAIGNS_CALLBACKS), raw(ConfigKey.CAMPAIGNS_CALLBACKS)),
                integer(ConfigKey.CAMPAIGNS_CALLBACK_MAX_ATTEMPTS, 1, 20),
                integer(ConfigKey.CAMPAIGNS_CALLBACK_RETRY_SECONDS, 0, 7 * 86_400));
    }

    private Sip sip() {
        String bind = text(ConfigKey.SIP_BIND).strip();
        if (!HOST.matcher(bind).matches()) {
            throw invalid(ConfigKey.SIP_BIND, bind, "an IP address or host name, 0.0.0.0 for every interface");
        }
        String publicAddress = text(ConfigKey.SIP_PUBLIC_ADDRESS).strip();
        if (!publicAddress.isEmpty() && !HOST.matcher(publicAddress).matches()) {
            throw invalid(ConfigKey.SIP_PUBLIC_ADDRESS, publicAddress,
                    "an IP address or host name, or \"\" for automatic");
        }
        RateLimit rateLimit = new RateLimit(
                ConfigValues.number(key(ConfigKey.SIP_RATE_LIMIT_REQUESTS_PER_SECOND),
                        raw(ConfigKey.SIP_RATE_LIMIT_REQUESTS_PER_SECOND), 0.1, 1_000_000),
                integer(ConfigKey.SIP_RATE_LIMIT_BURST, 1, 1_000_000),
                integer(ConfigKey.SIP_RATE_LIMIT_BAN_AFTER_EXCESS, 1, 1_000_000),
                integer(ConfigKey.SIP_RATE_LIMIT_BAN_SECONDS, 0, 86_400),
                integer(ConfigKey.SIP_RATE_LIMIT_MAX_TRACKED_SOURCES, 100, 10_000_000));
        return new Sip(bind, port(ConfigKey.SIP_PORT), publicAddress,
                integer(ConfigKey.SIP_MAX_MESSAGE_BYTES, 1024, 1024 * 1024),
                integer(ConfigKey.SIP_MAX_CONCURRENT_CALLS, 1, 100_000),
                trustedAddresses(), rateLimit, registrarUsers(), trunk(), transports(), timers());
    }

    /** {@code sip.timers.*}: T2 may not be shorter than T1. */
    private CandorConfig.Timers timers() {
        int t1 = integer(ConfigKey.SIP_TIMERS_T1_MILLIS, 50, 10_000);
        int t2 = integer(ConfigKey.SIP_TIMERS_T2_MILLIS, 50, 60_000);
        if (t2 < t1) {
            throw invalid(ConfigKey.SIP_TIMERS_T2_MILLIS, Integer.toString(t2),
                    "at least sip.timers.t1-millis (" + t1 + ")");
        }
        return new CandorConfig.Timers(t1, t2, integer(ConfigKey.SIP_TIMERS_T4_MILLIS, 50, 60_000));
    }

    /** {@code sip.trunk.*}: a registrar needs a user name; URIs must parse as SIP URIs. */
    private Trunk trunk() {
        String username = text(ConfigKey.SIP_TRUNK_USERNAME).strip();
        String registrar = sipUriOrEmpty(ConfigKey.SIP_TRUNK_REGISTRAR);
        if (!registrar.isEmpty() && username.isEmpty()) {
            throw invalid(ConfigKey.SIP_TRUNK_REGISTRAR, registrar,
                    "\"\" unless sip.trunk.username is set (Candor registers as that user)");
        }
        return new Trunk(username, text(ConfigKey.SIP_TRUNK_PASSWORD), registrar,
                integer(ConfigKey.SIP_TRUNK_REGISTER_EXPIRY_SECONDS, 60, 86_400),
                sipUriOrEmpty(ConfigKey.SIP_TRUNK_OUTBOUND_PROXY));
    }

    private String sipUriOrEmpty(ConfigKey key) {
        String value = text(key).strip();
        if (!value.isEmpty()) {
            var parsed = SipUri.parse(value);
            if (!parsed.isOk() || !parsed.orElseThrow().isSip()) {
                throw invalid(key, value, "a SIP URI such as sip:trunk.example.com;transport=tcp, or \"\"");
            }
        }
        return value;
    }

    /** {@code sip.tcp.*} and {@code sip.tls.*}; the keystore and trust store must be readable files when set. */
    private Transports transports() {
        int tlsPort = port(ConfigKey.SIP_TLS_PORT);
        String keystore = text(ConfigKey.SIP_TLS_KEYSTORE).strip();
        String passwordEnv = text(ConfigKey.SIP_TLS_KEYSTORE_PASSWORD_ENV).strip();
        if (!keystore.isEmpty()) {
            if (!Files.isRegularFile(pathOf(ConfigKey.SIP_TLS_KEYSTORE, keystore))
                    || !Files.isReadable(Path.of(keystore))) {
                throw invalid(ConfigKey.SIP_TLS_KEYSTORE, keystore, "a readable PKCS#12 file, or \"\" for no TLS");
            }
            if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invalid(ConfigKey.SIP_TLS_KEYSTORE_PASSWORD_ENV, passwordEnv,
                        "the name of the environment variable holding the keystore password");
            }
            if (tlsPort == port(ConfigKey.SIP_PORT)) {
                throw invalid(ConfigKey.SIP_TLS_PORT, tlsPort, "a port other than sip.port");
            }
        }
        String trustStore = text(ConfigKey.SIP_TLS_TRUST_STORE).strip();
        String trustPasswordEnv = text(ConfigKey.SIP_TLS_TRUST_STORE_PASSWORD_ENV).strip();
        if (!trustStore.isEmpty()) {
            if (!Files.isRegularFile(pathOf(ConfigKey.SIP_TLS_TRUST_STORE, trustStore))
                    || !Files.isReadable(Path.of(trustStore))) {
                throw invalid(ConfigKey.SIP_TLS_TRUST_STORE, trustStore,
                        "a readable PKCS#12 or JKS file of trusted CA certificates, or \"\" for the JVM's");
            }
            if (!trustPasswordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invalid(ConfigKey.SIP_TLS_TRUST_STORE_PASSWORD_ENV, trustPasswordEnv,
                        "the name of the environment variable holding the trust store password");
            }
        }
        return new Transports(ConfigValues.bool(key(ConfigKey.SIP_TCP_ENABLED), raw(ConfigKey.SIP_TCP_ENABLED)),
                integer(ConfigKey.SIP_TCP_IDLE_TIMEOUT_SECONDS, 1, 86_400),
                integer(ConfigKey.SIP_TCP_MAX_CONNECTIONS, 1, 1_000_000),
                integer(ConfigKey.SIP_TCP_MAX_CONNECTIONS_PER_SOURCE, 1, 1_000_000), tlsPort, keystore, passwordEnv,
                trustStore, trustPasswordEnv);
    }

    /** {@code sip.registrar.*}: checked by building the stored credentials once, so start-up fails early. */
    private RegistrarUsers registrarUsers() {
        String realm = nonBlank(ConfigKey.SIP_REGISTRAR_REALM, "a realm name such as candor");
        ConfigKey key = ConfigKey.SIP_REGISTRAR_USERS;
        List<String> entries = ConfigValues.textList(key(key), raw(key));
        try {
            RegistrarCredentials.parse(entries);
            new RegistrarSettings(realm, java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(60),
                    java.time.Duration.ofHours(1), java.time.Duration.ofHours(1), 10, 10,
                    java.time.Duration.ofMinutes(5), List.of(DigestAlgorithm.values()));
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(key.key(), "(" + entries.size() + " entries, masked)", e.getMessage());
        }
        return new RegistrarUsers(realm, entries);
    }

    /**
     * {@code sip.trusted-addresses}: a YAML list, or text separated by commas (from the environment or
     * {@code --set}); each entry an IP address or CIDR block, never a host name (no DNS look-up).
     */
    private List<String> trustedAddresses() {
        ConfigKey key = ConfigKey.SIP_TRUSTED_ADDRESSES;
        List<String> entries = ConfigValues.textList(key(key), raw(key));
        try {
            TrustedAddresses.of(entries);
        } catch (IllegalArgumentException e) {
            throw invalid(key, String.join(", ", entries), e.getMessage());
        }
        return entries;
    }

    private Rtp rtp(Sip sip, Http http) {
        int min = port(ConfigKey.RTP_PORT_MIN);
        int max = port(ConfigKey.RTP_PORT_MAX);
        if (min % 2 != 0) {
            throw invalid(ConfigKey.RTP_PORT_MIN, min, "an even port number");
        }
        if (max < min + 1) {
            throw invalid(ConfigKey.RTP_PORT_MAX, max,
                    "at least rtp.port-min + 1 = " + (min + 1) + ", a range of 2 ports or more");
        }
        for (ConfigKey other : List.of(ConfigKey.SIP_PORT, ConfigKey.HTTP_PORT)) {
            int port = other == ConfigKey.SIP_PORT ? sip.port() : http.port();
            if (port >= min && port <= max) {
                throw invalid(other, port, "a port outside the RTP range " + min + "-" + max);
            }
        }
        return new Rtp(min, max, integer(ConfigKey.RTP_RTCP_INTERVAL_SECONDS, 1, 60));
    }

    private Path dataDir() {
        String text = text(ConfigKey.DATA_DIR);
        String expected = "a writable folder, or one that can be created";
        if (text.isBlank()) {
            throw invalid(ConfigKey.DATA_DIR, text, expected);
        }
        Path dir;
        try {
            dir = Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(ConfigKey.DATA_DIR, text, "a valid path: " + e.getReason());
        }
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw invalid(ConfigKey.DATA_DIR, text, expected);
            }
            return dir;
        }
        Path ancestor = dir.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw invalid(ConfigKey.DATA_DIR, text, expected);
        }
        return dir;
    }

    /** {@code recording.*}: paths are checked for syntax here; the key itself is loaded at start-up. */
    private Recording recording() {
        String dir = text(ConfigKey.RECORDING_DIR).strip();
        if (!dir.isEmpty()) {
            pathOf(ConfigKey.RECORDING_DIR, dir);
        }
        String keyFile = text(ConfigKey.RECORDING_KEY_FILE).strip();
        if (!keyFile.isEmpty()) {
            pathOf(ConfigKey.RECORDING_KEY_FILE, keyFile);
        }
        String keyEnv = text(ConfigKey.RECORDING_KEY_ENV).strip();
        if (!keyEnv.isEmpty() && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw invalid(ConfigKey.RECORDING_KEY_ENV, keyEnv,
                    "the name of an environment variable (letters, digits and _), or \"\" for the key file");
        }
        return new Recording(ConfigValues.bool(key(ConfigKey.RECORDING_ENABLED), raw(ConfigKey.RECORDING_ENABLED)),
                dir, keyEnv, keyFile);
    }

    private Speech speech() {
        String model = text(ConfigKey.SPEECH_VOSK_MODEL).strip();
        if (!model.isEmpty()) {
            try {
                Path.of(model);
            } catch (InvalidPathException e) {
                throw invalid(ConfigKey.SPEECH_VOSK_MODEL, model, "a model folder path or \"\"");
            }
        }
        return new Speech(model,
                nonBlank(ConfigKey.SPEECH_VOICE, "a FreeTTS voice name such as kevin16"),
                ConfigValues.number(key(ConfigKey.SPEECH_WORDS_PER_MINUTE), raw(ConfigKey.SPEECH_WORDS_PER_MINUTE), 50, 500),
                ConfigValues.bool(key(ConfigKey.SPEECH_VOSK_DOWNLOAD), raw(ConfigKey.SPEECH_VOSK_DOWNLOAD)),
                downloadUrl(), downloadSha256());
    }

    private String downloadUrl() {
        String url = text(ConfigKey.SPEECH_VOSK_DOWNLOAD_URL).strip();
        if (!url.matches("https://[^\\s]+\\.zip")) {
            throw invalid(ConfigKey.SPEECH_VOSK_DOWNLOAD_URL, url, "an https:// URL of a Vosk model .zip");
        }
        return url;
    }

    private String downloadSha256() {
        String sha = text(ConfigKey.SPEECH_VOSK_DOWNLOAD_SHA256).strip().toLowerCase(java.util.Locale.ROOT);
        if (!sha.isEmpty() && !sha.matches("[0-9a-f]{64}")) {
            throw invalid(ConfigKey.SPEECH_VOSK_DOWNLOAD_SHA256, sha, "64 hexadecimal digits, or \"\" to skip the check");
        }
        return sha;
    }

    private String timeZone() {
        String zone = text(ConfigKey.COMPANY_TIME_ZONE).strip();
        try {
            return java.time.ZoneId.of(zone).getId();
        } catch (java.time.DateTimeException e) {
            throw invalid(ConfigKey.COMPANY_TIME_ZONE, zone, "an IANA time zone such as Europe/London or UTC");
        }
    }

    private DialogSettings dialog() {
        String catalog = text(ConfigKey.DIALOG_CATALOG).strip();
        if (!catalog.isEmpty() && !Files.isRegularFile(pathOf(ConfigKey.DIALOG_CATALOG, catalog))) {
            throw invalid(ConfigKey.DIALOG_CATALOG, catalog, "a readable catalog YAML file, or \"\" for the sample");
        }
        List<String> topics = java.util.Arrays.stream(text(ConfigKey.DIALOG_SENSITIVE_TOPICS).split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        String retrieval = text(ConfigKey.DIALOG_RETRIEVAL).strip();
        if (!List.of("embedding", "keyword").contains(retrieval)) {
            throw invalid(ConfigKey.DIALOG_RETRIEVAL, retrieval, "embedding or keyword");
        }
        return new DialogSettings(llm(), catalog, retrieval,
                ConfigValues.number(key(ConfigKey.DIALOG_HANDOFF_HIGH_VALUE_AMOUNT),
                        raw(ConfigKey.DIALOG_HANDOFF_HIGH_VALUE_AMOUNT), 1, 1e12),
                integer(ConfigKey.DIALOG_HANDOFF_HIGH_VALUE_SEATS, 1, 1_000_000), topics);
    }

    private static Path pathOf(ConfigKey key, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(key, text, "a valid path: " + e.getReason());
        }
    }

    private Llm llm() {
        String provider = text(ConfigKey.DIALOG_LLM_PROVIDER).strip();
        if (!PROVIDERS.contains(provider)) {
            throw invalid(ConfigKey.DIALOG_LLM_PROVIDER, provider, "one of " + String.join(", ", PROVIDERS));
        }
        String baseUrl = text(ConfigKey.DIALOG_LLM_BASE_URL).strip();
        String model = text(ConfigKey.DIALOG_LLM_MODEL).strip();
        boolean enabled = !provider.equals("none");
        if ((enabled || !baseUrl.isEmpty()) && !isHttpUrl(baseUrl)) {
            throw invalid(ConfigKey.DIALOG_LLM_BASE_URL, baseUrl, "an http:// or https:// URL"
                    + (enabled ? " when dialog.llm.provider is " + provider : ""));
        }
        if (enabled && model.isEmpty()) {
            throw invalid(ConfigKey.DIALOG_LLM_MODEL, model,
                    "a model name when dialog.llm.provider is " + provider);
        }
        String apiKeyEnv = text(ConfigKey.DIALOG_LLM_API_KEY_ENV).strip();
        if (!apiKeyEnv.isEmpty() && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw invalid(ConfigKey.DIALOG_LLM_API_KEY_ENV, apiKeyEnv,
                    "the name of an environment variable (letters, digits and _), or \"\" for no key");
        }
        return new Llm(provider, baseUrl, model, apiKeyEnv, integer(ConfigKey.DIALOG_LLM_TIMEOUT_MILLIS, 100, 60000),
                ConfigValues.bool(key(ConfigKey.DIALOG_LLM_STREAM), raw(ConfigKey.DIALOG_LLM_STREAM)));
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String nonBlank(ConfigKey key, String expected) {
        String value = text(key).strip();
        if (value.isEmpty()) {
            throw invalid(key, value, expected);
        }
        return value;
    }

    private int port(ConfigKey key) {
        return ConfigValues.integer(key(key), raw(key), 1, 65535);
    }

    private int integer(ConfigKey key, int min, int max) {
        return ConfigValues.integer(key(key), raw(key), min, max);
    }

    private String text(ConfigKey key) {
        return ConfigValues.text(key(key), raw(key));
    }

    private Object raw(ConfigKey key) {
        return raw.get(key);
    }

    private static String key(ConfigKey key) {
        return key.key();
    }

    private static ConfigException invalid(ConfigKey key, Object value, String expected) {
        return ConfigException.invalid(key.key(), ConfigValues.show(value, key.secret()), expected);
    }
}
