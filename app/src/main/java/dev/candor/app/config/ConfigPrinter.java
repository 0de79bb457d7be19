package dev.candor.app.config;

import dev.candor.app.config.CandorConfig.Agent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Prints an effective configuration as YAML that {@link ConfigLoader} reads back to an equal
 * configuration, except that non-empty secrets are shown as {@value #MASK}.
 */
public final class ConfigPrinter {

    /** What a non-empty secret is printed as. */
    public static final String MASK = "****";

    private ConfigPrinter() {
    }

    /** The configuration as nested YAML maps in the order of {@code candor-defaults.yaml}. */
    public static String toYaml(CandorConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, Object> root = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            Object value = valueOf(key, config);
            if (key.secret() && value instanceof String s && !s.isEmpty()) {
                value = MASK;
            } else if (key.secret() && value instanceof List<?> entries) {
                value = entries.stream().map(e -> String.valueOf(e).replaceFirst(":.*", ":" + MASK)).toList();
            }
            put(root, key.key(), value);
        }
        return "# Effective Candor configuration (secrets masked)\n" + YamlLayer.safeYaml().dump(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> section = root;
        for (int i = 0; i < parts.length - 1; i++) {
            section = (Map<String, Object>) section.computeIfAbsent(parts[i], p -> new LinkedHashMap<>());
        }
        section.put(parts[parts.length - 1], value);
    }

    private static Object valueOf(ConfigKey key, CandorConfig c) {
        return switch (key) {
            case COMPANY_NAME -> c.company().name();
            case COMPANY_TIME_ZONE -> c.company().timeZone();
            case SIP_BIND -> c.sip().bind();
            case SIP_PORT -> c.sip().port();
            case SIP_PUBLIC_ADDRESS -> c.sip().publicAddress();
            case SIP_MAX_MESSAGE_BYTES -> c.sip().maxMessageBytes();
            case SIP_MAX_CONCURRENT_CALLS -> c.sip().maxConcurrentCalls();
            case SIP_TIMERS_T1_MILLIS -> c.sip().timers().t1Millis();
            case SIP_TIMERS_T2_MILLIS -> c.sip().timers().t2Millis();
            case SIP_TIMERS_T4_MILLIS -> c.sip().timers().t4Millis();
            case SIP_TRUSTED_ADDRESSES -> new ArrayList<>(c.sip().trustedAddresses());
            case SIP_RATE_LIMIT_REQUESTS_PER_SECOND -> c.sip().rateLimit().requestsPerSecond();
            case SIP_RATE_LIMIT_BURST -> c.sip().rateLimit().burst();
            case SIP_RATE_LIMIT_BAN_AFTER_EXCESS -> c.sip().rateLimit().banAfterExcess();
            case SIP_RATE_LIMIT_BAN_SECONDS -> c.sip().rateLimit().banSeconds();
            case SIP_RATE_LIMIT_MAX_TRACKED_SOURCES -> c.sip().rateLimit().maxTrackedSources();
            case SIP_REGISTRAR_REALM -> c.sip().registrar().realm();
            case SIP_REGISTRAR_USERS -> new ArrayList<>(c.sip().registrar().users());
            case SIP_TRUNK_USERNAME -> c.sip().trunk().username();
            case SIP_TRUNK_PASSWORD -> c.sip().trunk().password();
            case SIP_TRUNK_REGISTRAR -> c.sip().trunk().registrar();
            case SIP_TRUNK_REGISTER_EXPIRY_SECONDS -> c.sip().trunk().registerExpirySeconds();
            case SIP_TRUNK_OUTBOUND_PROXY -> c.sip().trunk().outboundProxy();
            case SIP_TCP_ENABLED -> c.sip().transports().tcpEnabled();
            case SIP_TCP_IDLE_TIMEOUT_SECONDS -> c.sip().transports().tcpIdleTimeoutSeconds();
            case SIP_TCP_MAX_CONNECTIONS -> c.sip().transports().tcpMaxConnections();
            case SIP_TCP_MAX_CONNECTIONS_PER_SOURCE -> c.sip().transports().tcpMaxConnectionsPerSource();
            case SIP_TLS_PORT -> c.sip().transports().tlsPort();
            case SIP_TLS_KEYSTORE -> c.sip().transports().tlsKeystore();
            case SIP_TLS_KEYSTORE_PASSWORD_ENV -> c.sip().transports().tlsKeystorePasswordEnv();
            case SIP_TLS_TRUST_STORE -> c.sip().transports().tlsTrustStore();
            case SIP_TLS_TRUST_STORE_PASSWORD_ENV -> c.sip().transports().tlsTrustStorePasswordEnv();
            case RTP_PORT_MIN -> c.rtp().portMin();
            case RTP_PORT_MAX -> c.rtp().portMax();
            case RTP_RTCP_INTERVAL_SECONDS -> c.rtp().rtcpIntervalSeconds();
            case HTTP_PORT -> c.http().port();
            case DATA_DIR -> c.data().dir().toString();
            case RECORDING_ENABLED -> c.recording().enabled();
            case RECORDING_DIR -> c.recording().dir();
            case RECORDING_KEY_ENV -> c.recording().keyEnv();
            case RECORDING_KEY_FILE -> c.recording().keyFile();
            case SPEECH_VOSK_MODEL -> c.speech().voskModel();
            case SPEECH_VOSK_DOWNLOAD -> c.speech().voskDownload();
            case SPEECH_VOSK_DOWNLOAD_URL -> c.speech().voskDownloadUrl();
            case SPEECH_VOSK_DOWNLOAD_SHA256 -> c.speech().voskDownloadSha256();
            case SPEECH_VOICE -> c.speech().voice();
            case SPEECH_WORDS_PER_MINUTE -> c.speech().wordsPerMinute();
            case DIALOG_CATALOG -> c.dialog().catalog();
            case DIALOG_RETRIEVAL -> c.dialog().retrieval();
            case DIALOG_HANDOFF_HIGH_VALUE_AMOUNT -> c.dialog().highValueAmount();
            case DIALOG_HANDOFF_HIGH_VALUE_SEATS -> c.dialog().highValueSeats();
            case DIALOG_SENSITIVE_TOPICS -> String.join(", ", c.dialog().sensitiveTopics());
            case DIALOG_LLM_PROVIDER -> c.dialog().llm().provider();
            case DIALOG_LLM_BASE_URL -> c.dialog().llm().baseUrl();
            case DIALOG_LLM_MODEL -> c.dialog().llm().model();
            case DIALOG_LLM_API_KEY_ENV -> c.dialog().llm().apiKeyEnv();
            case DIALOG_LLM_TIMEOUT_MILLIS -> c.dialog().llm().timeoutMillis();
            case DIALOG_LLM_STREAM -> c.dialog().llm().stream();
            case HANDOFF_AGENTS -> agents(c.handoff().agents());
            case HANDOFF_ANSWER_TIMEOUT_SECONDS -> c.handoff().answerTimeoutSeconds();
            case HANDOFF_COLD_TRANSFER -> new LinkedHashMap<>(new java.util.TreeMap<>(c.handoff().coldTransfer()));
            case HANDOFF_SKILLS -> new LinkedHashMap<>(new java.util.TreeMap<>(c.handoff().skills()));
            case HANDOFF_WRAP_UP_SECONDS -> c.handoff().wrapUpSeconds();
            case HANDOFF_MAX_WAIT_SECONDS -> c.handoff().maxWaitSeconds();
            case HANDOFF_POSITION_INTERVAL_SECONDS -> c.handoff().positionIntervalSeconds();
            case LEADS_DEFAULT_COUNTRY_CODE -> c.campaigns().defaultCountryCode();
            case CAMPAIGNS_ENABLED -> c.campaigns().enabled();
            case CAMPAIGNS_NODE_ID -> c.campaigns().nodeId();
            case CAMPAIGNS_DIAL_URI -> c.campaigns().dialUri();
            case CAMPAIGNS_TICK_MILLIS -> c.campaigns().tickMillis();
            case CAMPAIGNS_LEASE_SECONDS -> c.campaigns().leaseSeconds();
            case CAMPAIGNS_RING_SECONDS -> c.campaigns().ringSeconds();
            case CAMPAIGNS_CALLBACKS -> c.campaigns().callbacks();
            case CAMPAIGNS_CALLBACK_MAX_ATTEMPTS -> c.campaigns().callbackMaxAttempts();
            case CAMPAIGNS_CALLBACK_RETRY_SECONDS -> c.campaigns().callbackRetrySeconds();
        };
    }

    private static List<Map<String, Object>> agents(List<Agent> agents) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Agent agent : agents) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", agent.name());
            map.put("uri", agent.uri());
            map.put("skills", new ArrayList<>(agent.skills()));
            list.add(map);
        }
        return list;
    }
}
