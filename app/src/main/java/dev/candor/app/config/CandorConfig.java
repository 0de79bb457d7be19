package dev.candor.app.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The effective configuration of one Candor node, immutable. Build it with {@link ConfigLoader};
 * the component records only check for nulls, the loader checks ranges and formats.
 * Keys are documented in {@code candor-defaults.yaml}.
 */
public record CandorConfig(
        Company company,
        Sip sip,
        Rtp rtp,
        Http http,
        Data data,
        Recording recording,
        Speech speech,
        DialogSettings dialog,
        Handoff handoff,
        Campaigns campaigns) {

    public CandorConfig {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(rtp, "rtp");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(dialog, "dialog");
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(campaigns, "campaigns");
    }

    /**
     * {@code leads.default-country-code} and {@code campaigns.*}: the dialer of this node.
     *
     * @param defaultCountryCode country code of lead numbers written without {@code +} ({@code ""}: none)
     * @param enabled whether this node dials running campaigns and due callbacks
     * @param nodeId this node's name in claims ({@code ""}: host name and process id)
     * @param dialUri how a lead's number becomes a SIP URI, {@code {number}} replaced by its E.164 form
     *     ({@code ""}: campaigns cannot dial; callbacks ring the URI the caller called from)
     * @param tickMillis how often the dialer looks for due leads and callbacks
     * @param leaseSeconds how long a claim lasts without renewal (renewed every tick while the call lasts)
     * @param ringSeconds how long a lead's phone rings before the attempt counts as no answer
     * @param callbacks whether promised callbacks are dialled when due
     * @param callbackMaxAttempts dials of one callback before it is given up
     * @param callbackRetrySeconds delay before a callback that was not answered is dialled again
     */
    public record Campaigns(String defaultCountryCode, boolean enabled, String nodeId, String dialUri, int tickMillis,
                            int leaseSeconds, int ringSeconds, boolean callbacks, int callbackMaxAttempts,
                            int callbackRetrySeconds) {
        public Campaigns {
            Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(dialUri, "dialUri");
        }

        /** The values in {@code candor-defaults.yaml}. */
        public static final Campaigns DEFAULTS = new Campaigns("", true, "", "", 1000, 120, 30, true, 3, 1800);

        /** The SIP URI that dials {@code e164}. */
        public java.util.Optional<String> dialUriFor(String e164) {
            return dialUri.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(dialUri.replace("{number}", e164));
        }
    }

    /** {@code company.*}. {@code timeZone} is an IANA zone id such as {@code Europe/London}. */
    public record Company(String name, String timeZone) {
        public Company {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(timeZone, "timeZone");
        }

        public Company(String name) {
            this(name, "UTC");
        }
    }

    /**
     * {@code sip.*}. {@code publicAddress} is the address put in Contact, Via and SDP;
     * {@code ""} means automatic, see {@link #advertisedAddress()}.
     */
    public record Sip(String bind, int port, String publicAddress, int maxMessageBytes, int maxConcurrentCalls,
                      List<String> trustedAddresses, RateLimit rateLimit, RegistrarUsers registrar, Trunk trunk,
                      Transports transports, Timers timers) {
        private static final String ANY_ADDRESS = "0.0.0.0";
        private static final String LOOPBACK = "127.0.0.1";
        /** The default of {@code sip.max-concurrent-calls}. */
        public static final int DEFAULT_MAX_CONCURRENT_CALLS = 500;

        public Sip {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(publicAddress, "publicAddress");
            trustedAddresses = List.copyOf(Objects.requireNonNull(trustedAddresses, "trustedAddresses"));
            Objects.requireNonNull(rateLimit, "rateLimit");
            Objects.requireNonNull(registrar, "registrar");
            Objects.requireNonNull(trunk, "trunk");
            Objects.requireNonNull(transports, "transports");
            Objects.requireNonNull(timers, "timers");
        }

        /** With the RFC 3261 transaction timers. */
        public Sip(String bind, int port, String publicAddress, int maxMessageBytes, int maxConcurrentCalls,
                   List<String> trustedAddresses, RateLimit rateLimit, RegistrarUsers registrar, Trunk trunk,
                   Transports transports) {
            this(bind, port, publicAddress, maxMessageBytes, maxConcurrentCalls, trustedAddresses, rateLimit,
                    registrar, trunk, transports, Timers.DEFAULTS);
        }

        /** With the default concurrent-call cap and rate limits and no trusted addresses. */
        public Sip(String bind, int port, String publicAddress, int maxMessageBytes) {
            this(bind, port, publicAddress, maxMessageBytes, DEFAULT_MAX_CONCURRENT_CALLS, List.of(),
                    RateLimit.DEFAULTS, RegistrarUsers.NONE, Trunk.NONE, Transports.DEFAULTS);
        }

        /**
         * The address to advertise to peers: {@code publicAddress} when set, else the bind address
         * when it is not {@code 0.0.0.0}, else the first non-loopback site-local IPv4 address of
         * this machine, else {@code 127.0.0.1}.
         */
        public String advertisedAddress() {
            return advertisedAddress(localAddresses());
        }

        /** As {@link #advertisedAddress()}, choosing among the given local addresses. */
        public String advertisedAddress(List<InetAddress> localAddresses) {
            Objects.requireNonNull(localAddresses, "localAddresses");
            if (!publicAddress.isEmpty()) {
                return publicAddress;
            }
            if (!bind.equals(ANY_ADDRESS)) {
                return bind;
            }
            return localAddresses.stream()
                    .filter(a -> a instanceof Inet4Address)
                    .filter(a -> !a.isLoopbackAddress() && a.isSiteLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst()
                    .orElse(LOOPBACK);
        }

        private static List<InetAddress> localAddresses() {
            try {
                return NetworkInterface.networkInterfaces()
                        .filter(Sip::isUp)
                        .flatMap(NetworkInterface::inetAddresses)
                        .toList();
            } catch (SocketException e) {
                return List.of();
            }
        }

        private static boolean isUp(NetworkInterface nif) {
            try {
                return nif.isUp();
            } catch (SocketException e) {
                return false;
            }
        }
    }

    /**
     * {@code sip.rate-limit.*}: how many SIP messages one source address may send (a token bucket of
     * {@code burst} refilled at {@code requestsPerSecond}), and the ban for sources that keep going:
     * after {@code banAfterExcess} messages over the limit the source is ignored for {@code banSeconds}
     * (0 = never banned, only answered 503). Addresses in {@code sip.trusted-addresses} are exempt.
     */
    public record RateLimit(double requestsPerSecond, int burst, int banAfterExcess, int banSeconds,
                            int maxTrackedSources) {
        /** The values in {@code candor-defaults.yaml}. */
        public static final RateLimit DEFAULTS = new RateLimit(20, 40, 100, 60, 10_000);
    }

    /**
     * {@code sip.registrar.*}: agents' phones that may REGISTER. Each entry of {@code users} is
     * {@code user:HA1}, HA1 = the hex MD5 (32 digits) or SHA-256 (64 digits) of
     * {@code user:realm:password}; a user may have one entry per algorithm. No users: no registrar
     * (REGISTER gets 405). Printed masked: an HA1 is as good as the password within its realm.
     */
    public record RegistrarUsers(String realm, List<String> users) {
        public static final RegistrarUsers NONE = new RegistrarUsers("candor", List.of());

        public RegistrarUsers {
            Objects.requireNonNull(realm, "realm");
            users = List.copyOf(Objects.requireNonNull(users, "users"));
        }

        @Override
        public String toString() {
            return "RegistrarUsers[realm=" + realm + ", users=" + users.size() + "]";
        }
    }

    /**
     * {@code sip.trunk.*}: Candor's Digest credentials at the trunk (password masked), the registrar
     * Candor registers at ({@code ""}: none) and for how long, and the outbound proxy its INVITEs and
     * REGISTERs go through ({@code ""}: straight to the target).
     */
    public record Trunk(String username, String password, String registrar, int registerExpirySeconds,
                        String outboundProxy) {
        public static final int DEFAULT_REGISTER_EXPIRY_SECONDS = 3600;
        public static final Trunk NONE = new Trunk("", "");

        public Trunk {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(registrar, "registrar");
            Objects.requireNonNull(outboundProxy, "outboundProxy");
        }

        public Trunk(String username, String password) {
            this(username, password, "", DEFAULT_REGISTER_EXPIRY_SECONDS, "");
        }

        @Override
        public String toString() {
            return "Trunk[username=" + username + ", password=" + (password.isEmpty() ? "" : ConfigPrinter.MASK)
                    + ", registrar=" + registrar + ", registerExpirySeconds=" + registerExpirySeconds
                    + ", outboundProxy=" + outboundProxy + "]";
        }
    }

    /**
     * {@code sip.tcp.*} and {@code sip.tls.*}: TCP on the SIP port, and TLS on {@code tlsPort} when a
     * PKCS#12 keystore is set; its password is read from the environment variable
     * {@code tlsKeystorePasswordEnv} names, never from the configuration file.
     */
    /** {@code sip.timers.*}: the RFC 3261 §17 base timers T1, T2 and T4, in milliseconds. */
    public record Timers(int t1Millis, int t2Millis, int t4Millis) {
        public static final Timers DEFAULTS = new Timers(500, 4000, 5000);
    }

    public record Transports(boolean tcpEnabled, int tcpIdleTimeoutSeconds, int tcpMaxConnections,
                             int tcpMaxConnectionsPerSource, int tlsPort, String tlsKeystore,
                             String tlsKeystorePasswordEnv, String tlsTrustStore, String tlsTrustStorePasswordEnv) {
        public static final Transports DEFAULTS = new Transports(true, 300, 10_000, 100, 5061, "",
                "CANDOR_SIP_TLS_PASSWORD", "", "CANDOR_SIP_TLS_TRUST_STORE_PASSWORD");

        public Transports {
            Objects.requireNonNull(tlsKeystore, "tlsKeystore");
            Objects.requireNonNull(tlsKeystorePasswordEnv, "tlsKeystorePasswordEnv");
            Objects.requireNonNull(tlsTrustStore, "tlsTrustStore");
            Objects.requireNonNull(tlsTrustStorePasswordEnv, "tlsTrustStorePasswordEnv");
        }
    }

    /**
     * {@code rtp.*}: the media port range, {@code portMin} even, both inclusive, and the RTCP report
     * interval Td (RFC 3550 §6.2; each report is sent after Td × a random 0.5-1.5, compensated).
     */
    public record Rtp(int portMin, int portMax, int rtcpIntervalSeconds) {
        /** Td as a duration. */
        public java.time.Duration rtcpInterval() {
            return java.time.Duration.ofSeconds(rtcpIntervalSeconds);
        }
    }

    /** {@code http.*}: the console and REST API. */
    public record Http(int port) {
    }

    /** {@code data.*}: the folder holding {@code candor.db} and recordings. */
    public record Data(Path dir) {
        public Data {
            Objects.requireNonNull(dir, "dir");
        }
    }

    /**
     * {@code recording.*}. {@code dir} is the folder of encrypted recordings ({@code ""}: {@code data.dir/recordings});
     * {@code keyEnv} names the environment variable holding the master key in base64 ({@code ""}: use the key
     * file); {@code keyFile} is that file ({@code ""}: {@code data.dir/recording-master.key}, created with
     * owner-only permissions on first start). The key itself is never part of the configuration.
     */
    public record Recording(boolean enabled, String dir, String keyEnv, String keyFile) {
        public Recording {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(keyEnv, "keyEnv");
            Objects.requireNonNull(keyFile, "keyFile");
        }

        /** Recording off, defaults elsewhere. */
        public static final Recording OFF = new Recording(false, "", "", "");

        /** The folder recordings are written to. */
        public Path directory(Data data) {
            return dir.isEmpty() ? data.dir().resolve("recordings") : Path.of(dir);
        }

        /** The master key file used when {@link #keyEnv()} is empty. */
        public Path keyFilePath(Data data) {
            return keyFile.isEmpty() ? data.dir().resolve("recording-master.key") : Path.of(keyFile);
        }
    }

    /**
     * {@code speech.*}. {@code voskModel} is {@code speech.vosk.model}, a model folder or
     * {@code ""} for none configured.
     */
    public record Speech(String voskModel, String voice, double wordsPerMinute, boolean voskDownload,
                         String voskDownloadUrl, String voskDownloadSha256) {
        public Speech {
            Objects.requireNonNull(voskModel, "voskModel");
            Objects.requireNonNull(voskDownloadUrl, "voskDownloadUrl");
            Objects.requireNonNull(voskDownloadSha256, "voskDownloadSha256");
            Objects.requireNonNull(voice, "voice");
        }
    }

    /**
     * {@code dialog.*}. {@code catalog} is a catalog YAML path or {@code ""} for the shipped sample;
     * {@code retrieval} is {@code embedding} or {@code keyword};
     * {@code sensitiveTopics} empty means the built-in list.
     */
    public record DialogSettings(Llm llm, String catalog, String retrieval, double highValueAmount,
                                 int highValueSeats, List<String> sensitiveTopics) {
        public DialogSettings {
            Objects.requireNonNull(llm, "llm");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(retrieval, "retrieval");
            sensitiveTopics = List.copyOf(Objects.requireNonNull(sensitiveTopics, "sensitiveTopics"));
        }

        public DialogSettings(Llm llm) {
            this(llm, "", "embedding", 50000, 100, List.of());
        }
    }

    /**
     * {@code dialog.llm.*}. {@code provider} is {@code none}, {@code openai} or {@code ollama};
     * {@code apiKeyEnv} names the environment variable that holds the API key ({@code ""}: no key). The
     * key itself is never part of the configuration, so it is never printed or logged.
     * {@code timeoutMillis} is how long a turn waits for the model before the built-in policy answers;
     * with {@code stream}, replies are streamed and each sentence is spoken as soon as it is written.
     */
    public record Llm(String provider, String baseUrl, String model, String apiKeyEnv, int timeoutMillis,
                      boolean stream) {
        public Llm(String provider, String baseUrl, String model, String apiKeyEnv, int timeoutMillis) {
            this(provider, baseUrl, model, apiKeyEnv, timeoutMillis, true);
        }

        public Llm {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        }

        /** The API key from {@code environment}, or {@code ""} when no variable is named or it is unset. */
        public String apiKey(java.util.Map<String, String> environment) {
            return apiKeyEnv.isEmpty() ? "" : environment.getOrDefault(apiKeyEnv, "");
        }

        /** Whether a language model is configured at all. */
        public boolean enabled() {
            return !provider.equals("none");
        }

        @Override
        public String toString() {
            return "Llm[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                    + ", apiKeyEnv=" + apiKeyEnv + ", timeoutMillis=" + timeoutMillis + ", stream=" + stream + "]";
        }
    }

    /**
     * {@code handoff.*}.
     *
     * @param coldTransfer handoff reason code ({@code vip}) to the external SIP URI such callers are
     *     transferred to by REFER instead of being bridged to an agent
     */
    /**
     * @param skills             handoff reason → the skill an agent needs to take such a call (reasons
     *                           not listed go to any agent)
     * @param wrapUpSeconds      after a bridged call an agent is in wrap-up this long before the next
     * @param maxWaitSeconds     the longest a caller waits in line before being offered a callback
     * @param positionIntervalSeconds how often a waiting caller hears their place in line
     */
    public record Handoff(List<Agent> agents, int answerTimeoutSeconds, java.util.Map<String, String> coldTransfer,
                          java.util.Map<String, String> skills, int wrapUpSeconds, int maxWaitSeconds,
                          int positionIntervalSeconds) {
        public Handoff {
            agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
            coldTransfer = java.util.Map.copyOf(Objects.requireNonNull(coldTransfer, "coldTransfer"));
            skills = java.util.Map.copyOf(Objects.requireNonNull(skills, "skills"));
        }
    }

    /** One entry of {@code handoff.agents}: a human agent reachable at a SIP URI. */
    public record Agent(String name, String uri, List<String> skills) {
        public Agent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uri, "uri");
            skills = List.copyOf(Objects.requireNonNull(skills, "skills"));
        }

        /** Whether this agent has the given skill. */
        public boolean hasSkill(String skill) {
            return skills.contains(skill);
        }
    }
}
