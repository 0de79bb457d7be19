package dev.candor.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every configuration key Candor knows, with the type of its value. The order is the order of
 * {@code candor-defaults.yaml} and of the printed configuration. Adding a key means adding it here,
 * to the defaults file, to {@link ConfigBinder} and to {@link ConfigPrinter} (the last two switch
 * over this enum, so the compiler points at them).
 */
enum ConfigKey {
    COMPANY_NAME("company.name", ValueType.TEXT),
    COMPANY_TIME_ZONE("company.time-zone", ValueType.TEXT),
    SIP_BIND("sip.bind", ValueType.TEXT),
    SIP_PORT("sip.port", ValueType.INTEGER),
    SIP_PUBLIC_ADDRESS("sip.public-address", ValueType.TEXT),
    SIP_MAX_MESSAGE_BYTES("sip.max-message-bytes", ValueType.INTEGER),
    SIP_MAX_CONCURRENT_CALLS("sip.max-concurrent-calls", ValueType.INTEGER),
    SIP_TIMERS_T1_MILLIS("sip.timers.t1-millis", ValueType.INTEGER),
    SIP_TIMERS_T2_MILLIS("sip.timers.t2-millis", ValueType.INTEGER),
    SIP_TIMERS_T4_MILLIS("sip.timers.t4-millis", ValueType.INTEGER),
    SIP_TRUSTED_ADDRESSES("sip.trusted-addresses", ValueType.TEXT_LIST),
    SIP_RATE_LIMIT_REQUESTS_PER_SECOND("sip.rate-limit.requests-per-second", ValueType.NUMBER),
    SIP_RATE_LIMIT_BURST("sip.rate-limit.burst", ValueType.INTEGER),
    SIP_RATE_LIMIT_BAN_AFTER_EXCESS("sip.rate-limit.ban-after-excess", ValueType.INTEGER),
    SIP_RATE_LIMIT_BAN_SECONDS("sip.rate-limit.ban-seconds", ValueType.INTEGER),
    SIP_RATE_LIMIT_MAX_TRACKED_SOURCES("sip.rate-limit.max-tracked-sources", ValueType.INTEGER),
    SIP_REGISTRAR_REALM("sip.registrar.realm", ValueType.TEXT),
    SIP_REGISTRAR_USERS("sip.registrar.users", ValueType.TEXT_LIST),
    SIP_TRUNK_USERNAME("sip.trunk.username", ValueType.TEXT),
    SIP_TRUNK_PASSWORD("sip.trunk.password", ValueType.TEXT),
    SIP_TRUNK_REGISTRAR("sip.trunk.registrar", ValueType.TEXT),
    SIP_TRUNK_REGISTER_EXPIRY_SECONDS("sip.trunk.register-expiry-seconds", ValueType.INTEGER),
    SIP_TRUNK_OUTBOUND_PROXY("sip.trunk.outbound-proxy", ValueType.TEXT),
    SIP_TCP_ENABLED("sip.tcp.enabled", ValueType.BOOLEAN),
    SIP_TCP_IDLE_TIMEOUT_SECONDS("sip.tcp.idle-timeout-seconds", ValueType.INTEGER),
    SIP_TCP_MAX_CONNECTIONS("sip.tcp.max-connections", ValueType.INTEGER),
    SIP_TCP_MAX_CONNECTIONS_PER_SOURCE("sip.tcp.max-connections-per-source", ValueType.INTEGER),
    SIP_TLS_PORT("sip.tls.port", ValueType.INTEGER),
    SIP_TLS_KEYSTORE("sip.tls.keystore", ValueType.TEXT),
    SIP_TLS_KEYSTORE_PASSWORD_ENV("sip.tls.keystore-password-env", ValueType.TEXT),
    SIP_TLS_TRUST_STORE("sip.tls.trust-store", ValueType.TEXT),
    SIP_TLS_TRUST_STORE_PASSWORD_ENV("sip.tls.trust-store-password-env", ValueType.TEXT),
    RTP_PORT_MIN("rtp.port-min", ValueType.INTEGER),
    RTP_PORT_MAX("rtp.port-max", ValueType.INTEGER),
    RTP_RTCP_INTERVAL_SECONDS("rtp.rtcp-interval-seconds", ValueType.INTEGER),
    HTTP_PORT("http.port", ValueType.INTEGER),
    DATA_DIR("data.dir", ValueType.TEXT),
    RECORDING_ENABLED("recording.enabled", ValueType.BOOLEAN),
    RECORDING_DIR("recording.dir", ValueType.TEXT),
    RECORDING_KEY_ENV("recording.key-env", ValueType.TEXT),
    RECORDING_KEY_FILE("recording.key-file", ValueType.TEXT),
    SPEECH_VOSK_MODEL("speech.vosk.model", ValueType.TEXT),
    SPEECH_VOSK_DOWNLOAD("speech.vosk.download", ValueType.BOOLEAN),
    SPEECH_VOSK_DOWNLOAD_URL("speech.vosk.download-url", ValueType.TEXT),
    SPEECH_VOSK_DOWNLOAD_SHA256("speech.vosk.download-sha256", ValueType.TEXT),
    SPEECH_VOICE("speech.voice", ValueType.TEXT),
    SPEECH_WORDS_PER_MINUTE("speech.words-per-minute", ValueType.NUMBER),
    DIALOG_CATALOG("dialog.catalog", ValueType.TEXT),
    DIALOG_RETRIEVAL("dialog.retrieval", ValueType.TEXT),
    DIALOG_HANDOFF_HIGH_VALUE_AMOUNT("dialog.handoff.high-value-amount", ValueType.NUMBER),
    DIALOG_HANDOFF_HIGH_VALUE_SEATS("dialog.handoff.high-value-seats", ValueType.INTEGER),
    DIALOG_SENSITIVE_TOPICS("dialog.sensitive-topics", ValueType.TEXT),
    DIALOG_LLM_PROVIDER("dialog.llm.provider", ValueType.TEXT),
    DIALOG_LLM_BASE_URL("dialog.llm.base-url", ValueType.TEXT),
    DIALOG_LLM_MODEL("dialog.llm.model", ValueType.TEXT),
    DIALOG_LLM_API_KEY_ENV("dialog.llm.api-key-env", ValueType.TEXT),
    DIALOG_LLM_TIMEOUT_MILLIS("dialog.llm.timeout-millis", ValueType.INTEGER),
    DIALOG_LLM_STREAM("dialog.llm.stream", ValueType.BOOLEAN),
    HANDOFF_AGENTS("handoff.agents", ValueType.AGENT_LIST),
    HANDOFF_ANSWER_TIMEOUT_SECONDS("handoff.answer-timeout-seconds", ValueType.INTEGER),
    HANDOFF_COLD_TRANSFER("handoff.cold-transfer", ValueType.URI_MAP),
    HANDOFF_SKILLS("handoff.skills", ValueType.URI_MAP),
    HANDOFF_WRAP_UP_SECONDS("handoff.wrap-up-seconds", ValueType.INTEGER),
    HANDOFF_MAX_WAIT_SECONDS("handoff.max-wait-seconds", ValueType.INTEGER),
    HANDOFF_POSITION_INTERVAL_SECONDS("handoff.position-interval-seconds", ValueType.INTEGER),
    LEADS_DEFAULT_COUNTRY_CODE("leads.default-country-code", ValueType.TEXT),
    CAMPAIGNS_ENABLED("campaigns.enabled", ValueType.BOOLEAN),
    CAMPAIGNS_NODE_ID("campaigns.node-id", ValueType.TEXT),
    CAMPAIGNS_DIAL_URI("campaigns.dial-uri", ValueType.TEXT),
    CAMPAIGNS_TICK_MILLIS("campaigns.tick-millis", ValueType.INTEGER),
    CAMPAIGNS_LEASE_SECONDS("campaigns.lease-seconds", ValueType.INTEGER),
    CAMPAIGNS_RING_SECONDS("campaigns.ring-seconds", ValueType.INTEGER),
    CAMPAIGNS_CALLBACKS("campaigns.callbacks", ValueType.BOOLEAN),
    CAMPAIGNS_CALLBACK_MAX_ATTEMPTS("campaigns.callback-max-attempts", ValueType.INTEGER),
    CAMPAIGNS_CALLBACK_RETRY_SECONDS("campaigns.callback-retry-seconds", ValueType.INTEGER);

    /** The kind of value a key holds; text from the environment or {@code --set} is converted. */
    enum ValueType { TEXT, INTEGER, BOOLEAN, NUMBER, TEXT_LIST, AGENT_LIST, URI_MAP }

    static final String ENV_PREFIX = "CANDOR_";

    private final String key;
    private final ValueType type;

    ConfigKey(String key, ValueType type) {
        this.key = key;
        this.type = type;
    }

    /** The dotted key, e.g. {@code sip.port}. */
    String key() {
        return key;
    }

    ValueType type() {
        return type;
    }

    /** The environment variable that overrides this key, e.g. {@code CANDOR_SIP_PORT}. */
    String envName() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Whether the value is a secret that is never printed or logged. */
    boolean secret() {
        return isSecretName(key);
    }

    /**
     * Secret names: anything whose last segment mentions password, secret or token, and anything
     * mentioning key under {@code dialog.llm}, except a key ending in {@code -env}, which names the
     * environment variable holding the secret rather than the secret itself.
     */
    static boolean isSecretName(String dottedKey) {
        if (dottedKey.equals("sip.registrar.users")) {
            return true; // user:HA1 entries; an HA1 is as good as the password in its realm
        }
        String last = dottedKey.substring(dottedKey.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (last.endsWith("-env")) {
            return false; // names the variable that holds the secret
        }
        return last.contains("password") || last.contains("secret") || last.contains("token")
                || (dottedKey.startsWith("dialog.llm.") && last.contains("key") && !last.endsWith("-env"));
    }

    static Optional<ConfigKey> find(String dottedKey) {
        return Arrays.stream(values()).filter(k -> k.key.equals(dottedKey)).findFirst();
    }

    static Optional<ConfigKey> findByEnvName(String envName) {
        return Arrays.stream(values()).filter(k -> k.envName().equals(envName)).findFirst();
    }

    /** Whether {@code path} is a section holding keys, e.g. {@code sip} or {@code dialog.llm}. */
    static boolean isSection(String path) {
        return Arrays.stream(values()).anyMatch(k -> k.key.startsWith(path + "."));
    }

    /**
     * Describes the keys near an unknown one: {@code known keys under sip: bind, port, ...} for the
     * deepest known section enclosing it, else the top-level sections.
     */
    static String describeKnownKeysNear(String unknownKey) {
        String section = unknownKey;
        while (section.contains(".")) {
            section = section.substring(0, section.lastIndexOf('.'));
            if (isSection(section)) {
                String prefix = section + ".";
                String keys = Arrays.stream(values())
                        .map(ConfigKey::key)
                        .filter(k -> k.startsWith(prefix))
                        .map(k -> k.substring(prefix.length()))
                        .collect(Collectors.joining(", "));
                return "known keys under " + section + ": " + keys;
            }
        }
        String topLevel = Arrays.stream(values())
                .map(k -> k.key.substring(0, k.key.indexOf('.')))
                .distinct()
                .collect(Collectors.joining(", "));
        return "known top-level keys: " + topLevel;
    }
}
