package dev.candor.app;

import dev.candor.app.call.CallServices;
import dev.candor.app.call.CallSession;
import dev.candor.app.call.CallSessions;
import dev.candor.app.call.Handoffs;
import dev.candor.app.config.CandorConfig;
import dev.candor.app.dialog.DialogFactory;
import dev.candor.app.http.ConsoleServer;
import dev.candor.app.http.TrunkView;
import dev.candor.app.config.ConfigException;
import dev.candor.app.recording.CallRecorder;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.recording.RecordingLibrary;
import dev.candor.app.privacy.DataSubjects;
import dev.candor.app.storage.DataSubjectStore;
import dev.candor.app.recording.Recordings;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.UserStore;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.Database;
import dev.candor.app.metrics.LatencyMetrics;
import dev.candor.speech.asr.RecognitionPool;
import dev.candor.app.storage.DoNotCallStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.lead.CallerLookup;
import dev.candor.app.lead.LeadImport;
import dev.candor.app.campaign.CampaignDialer;
import dev.candor.app.campaign.OutboundCalls;
import dev.candor.app.campaign.SipOutboundCalls;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.lead.PhoneNumbers;
import dev.candor.dialog.AgentAction;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.policy.BuiltInPolicy;
import dev.candor.handoff.AgentDirectory;
import dev.candor.app.live.LiveCalls;
import dev.candor.speech.asr.ModelLookup;
import dev.candor.speech.asr.RecognizerFactory;
import dev.candor.speech.asr.VoskModelLocator;
import dev.candor.speech.asr.VoskRecognizerFactory;
import dev.candor.speech.tts.FreeTtsSynthesizer;
import dev.candor.speech.tts.PromptCache;
import dev.candor.speech.tts.SpeechSynthesizer;
import dev.candor.telephony.call.SipEndpoint;
import dev.candor.telephony.call.SipEndpointConfig;
import dev.candor.telephony.sip.transaction.TimerSettings;
import dev.candor.telephony.call.StreamTransports;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.ua.TrunkRegistration;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.auth.Registrar;
import dev.candor.telephony.sip.auth.RegistrarCredentials;
import dev.candor.telephony.sip.auth.RegistrarSettings;
import dev.candor.telephony.sip.limits.FloodLimits;
import dev.candor.telephony.sip.limits.TrustedAddresses;
import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sdp.AudioCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.time.ZoneId;
import dev.candor.handoff.HandoffQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: builds every part of Candor from the configuration, top to bottom, and closes
 * them in reverse order. No container, no static state.
 */
public final class CandorApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CandorApplication.class);

    private final CandorConfig config;
    private final Database database;
    private final CallStore store;
    private final MediaClock mediaClock;
    private final SpeechSynthesizer synthesizer;
    private final Optional<RecognizerFactory> recognizers;
    private final ExecutorService callThreads;
    private final ExecutorService workers;
    private final RecognitionPool recognition;
    private final ScheduledExecutorService timers;
    private final CallbackStore callbacks;
    private final SipEndpoint endpoint;
    private final ConsoleServer console;
    private final LiveCalls live;
    private final AgentDirectory agents;
    private final DialogFactory dialog;
    private final Optional<Recordings> recordings;
    private final ScheduledExecutorService dialerThread;
    private final LeadStore leads;
    private final CampaignStore campaigns;

    private CandorApplication(CandorConfig config, Database database, CallStore store, MediaClock mediaClock,
                              SpeechSynthesizer synthesizer, Optional<RecognizerFactory> recognizers,
                              ExecutorService callThreads, ExecutorService workers, RecognitionPool recognition,
                              ScheduledExecutorService timers, CallbackStore callbacks, SipEndpoint endpoint, ConsoleServer console, LiveCalls live, AgentDirectory agents, DialogFactory dialog,
                              Optional<Recordings> recordings, ScheduledExecutorService dialerThread,
                              LeadStore leads, CampaignStore campaigns) {
        this.dialerThread = dialerThread;
        this.leads = leads;
        this.campaigns = campaigns;
        this.config = config;
        this.database = database;
        this.store = store;
        this.mediaClock = mediaClock;
        this.synthesizer = synthesizer;
        this.recognizers = recognizers;
        this.callThreads = callThreads;
        this.workers = workers;
        this.recognition = recognition;
        this.timers = timers;
        this.callbacks = callbacks;
        this.endpoint = endpoint;
        this.console = console;
        this.live = live;
        this.agents = agents;
        this.dialog = dialog;
        this.recordings = recordings;
    }

    /** Starts Candor; returns once it answers calls. */
    public static CandorApplication start(CandorConfig config) throws InterruptedException {
        return start(config, speechRecognition(config));
    }

    /**
     * Starts Candor with the given recognizer factory instead of the configured Vosk model: for tests,
     * which use a clearly test-only recognizer when no model is present.
     */
    public static CandorApplication start(CandorConfig config, Optional<RecognizerFactory> recognizers)
            throws InterruptedException {
        DialogFactory dialog = DialogFactory.fromConfig(config);
        Database database = Database.open(config.data().dir());
        CallStore store = new CallStore(database, callNode(config));
        MediaClock mediaClock = MediaClock.start();
        ConversationSettings conversationSettings = new ConversationSettings(config.company().name(),
                config.recording().enabled(), recognizers.isPresent());

        SpeechSynthesizer synthesizer = new FreeTtsSynthesizer(config.speech().voice(),
                (float) config.speech().wordsPerMinute(), 8000);
        PromptCache prompts = new PromptCache(synthesizer);
        List<String> fixed = fixedPrompts(conversationSettings);
        long started = System.nanoTime();
        prompts.warm(fixed);
        log.info("synthesised {} fixed prompts in {} ms", fixed.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        ExecutorService callThreads = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), daemonThreads("candor-call-"));
        RecognitionPool recognition = RecognitionPool.sizedToCores(config.sip().maxConcurrentCalls());
        LatencyMetrics metrics = new LatencyMetrics();
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("candor-work-"));
        SipEndpoint endpoint = SipEndpoint.start(endpointConfig(config), mediaClock, callThreads,
                leg -> {
                    leg.reject(503);
                    return new dev.candor.telephony.call.CallLegListener() { };
                });
        // The SIP port is ours now, so no other run of this node is taking calls: whatever it left open
        // when it stopped is over.
        int leftOpen = store.closeLeftOpen();
        if (leftOpen > 0) {
            log.warn("closed {} calls left open when node {} last stopped (end reason node_restart)", leftOpen,
                    callNode(config));
        }
        configureAuthentication(endpoint, config.sip());
        configureTrunk(endpoint, config.sip().trunk());
        AgentDirectory agents = new AgentDirectory(agentProfiles(config),
                Duration.ofSeconds(config.handoff().wrapUpSeconds()), Clock.systemUTC());
        Handoffs handoffs = new Handoffs(endpoint, agents, Duration.ofSeconds(config.handoff().answerTimeoutSeconds()),
                Duration.ofSeconds(config.handoff().maxWaitSeconds()),
                Duration.ofSeconds(config.handoff().positionIntervalSeconds()), ZoneId.systemDefault(),
                config.handoff().coldTransfer(), config.handoff().skills());
        LiveCalls live = new LiveCalls();
        CallbackStore callbacks = new CallbackStore(database);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("candor-timer-"));
        CallSessions sessions = new CallSessions();
        RecordingStore recordingStore = new RecordingStore(database);
        Optional<MasterKey> recordingKey = recordingKey(config);
        Optional<Recordings> recordings = recordingKey.filter(k -> config.recording().enabled())
                .map(k -> new Recordings(recordingStore, k, config.recording().directory(config.data()),
                        Clock.systemUTC()));
        CallServices services = new CallServices(store, callbacks, new DoNotCallStore(database), live, sessions, mediaClock, cachedPrompts(prompts), handoffs, new HandoffQueue(),
                recognizers, workers, recognition, metrics, timers, Clock.systemUTC(),
                recordings.<CallRecorder>map(r -> r).orElse(CallRecorder.OFF));
        LeadStore leads = new LeadStore(database);
        CallerLookup callers = new CallerLookup(leads, new PhoneNumbers(config.campaigns().defaultCountryCode()));
        endpoint.setIncomingCallHandler(leg -> {
            Scenario scenario = callers.inbound(leg.id(), leg.assertedIdentity(), leg.remoteUri());
            Conversation conversation = dialog.newConversation(scenario, recognizers.isPresent());
            CallSession session = new CallSession(leg, conversation, services);
            session.begin();
            return session;
        });
        CampaignStore campaigns = new CampaignStore(database);
        ScheduledExecutorService dialerThread = startDialer(config, new CampaignDialer.Settings(nodeId(config),
                config.campaigns()::dialUriFor, Duration.ofSeconds(config.campaigns().leaseSeconds()),
                config.campaigns().callbacks(), config.campaigns().callbackMaxAttempts(),
                Duration.ofSeconds(config.campaigns().callbackRetrySeconds()),
                new PhoneNumbers(config.campaigns().defaultCountryCode()), ZoneId.of(config.company().timeZone())),
                campaigns, leads, callbacks, services,
                new SipOutboundCalls(endpoint, services, scenario -> dialog.newConversation(scenario,
                        recognizers.isPresent()), Duration.ofSeconds(config.campaigns().ringSeconds())));
        ConsoleServer console = ConsoleServer.start(config.sip().bind(), config.http().port(),
                new ConsoleServer.Dependencies(store, callbacks, new UserStore(database), live,
                        agents, sessions, metrics, Clock.systemUTC(), new RecordingLibrary(recordingStore, recordingKey),
                        leads, campaigns, new LeadImport(new PhoneNumbers(config.campaigns().defaultCountryCode()),
                                ZoneId.of(config.company().timeZone())), trunkView(endpoint, config.sip().trunk()),
                        Optional.of(new DataSubjects(new DataSubjectStore(database), new UserStore(database),
                                new PhoneNumbers(config.campaigns().defaultCountryCode()), Clock.systemUTC())),
                        notDialling(config.campaigns())));
        InetSocketAddress sip = endpoint.localAddress();
        log.info("Candor answers calls at sip:candor@{}:{} (UDP, bound to {}); data in {}",
                endpointConfig(config).advertisedAddress(), sip.getPort(), config.sip().bind(),
                config.data().dir().toAbsolutePath());
        return new CandorApplication(config, database, store, mediaClock, synthesizer, recognizers, callThreads,
                workers, recognition, timers, callbacks, endpoint, console, live, agents, dialog, recordings,
                dialerThread, leads, campaigns);
    }

    /** Why this node does not dial running campaigns, if it does not. */
    static Optional<String> notDialling(CandorConfig.Campaigns campaigns) {
        if (!campaigns.enabled()) {
            return Optional.of("this node does not dial (campaigns.enabled is false); another node sharing the "
                    + "database may");
        }
        if (campaigns.dialUri().isEmpty()) {
            return Optional.of("not dialling: campaigns.dial-uri is empty (set it to reach leads through your "
                    + "trunk, e.g. sip:{number}@trunk.example.com)");
        }
        return Optional.empty();
    }

    /**
     * This node's name on the calls it handles: {@code campaigns.node-id}, else the host name (the same after
     * a restart, unlike {@link #nodeId}), so that a restarted node finds the calls it left open.
     */
    static String callNode(CandorConfig config) {
        return config.campaigns().nodeId().isEmpty() ? hostName() : config.campaigns().nodeId();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "candor";
        }
    }

    /** This node's name in claims: {@code campaigns.node-id}, else host name and process id. */
    static String nodeId(CandorConfig config) {
        return config.campaigns().nodeId().isEmpty() ? hostName() + ":" + ProcessHandle.current().pid()
                : config.campaigns().nodeId();
    }

    /**
     * The dialer's one thread: ticks every {@code campaigns.tick-millis} and receives call outcomes; a
     * thread for the node, not per call. Not started when {@code campaigns.enabled} is false.
     */
    private static ScheduledExecutorService startDialer(CandorConfig config, CampaignDialer.Settings settings,
                                                        CampaignStore campaigns, LeadStore leads,
                                                        CallbackStore callbacks, CallServices services,
                                                        OutboundCalls outbound) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(daemonThreads("candor-dialer-"));
        if (!config.campaigns().enabled()) {
            log.info("campaigns.enabled is false: this node dials no campaigns or callbacks");
            return thread;
        }
        CampaignDialer dialer = new CampaignDialer(settings, campaigns, leads, callbacks, services.doNotCall(),
                services.store(), outbound, Clock.systemUTC(), thread);
        long tick = config.campaigns().tickMillis();
        thread.scheduleWithFixedDelay(dialer::tick, tick, tick, TimeUnit.MILLISECONDS);
        log.info("campaign dialer started as node {} (every {} ms)", settings.nodeId(), tick);
        return thread;
    }

    /**
     * The recording master key: required (and its file created on first start) when recording is enabled;
     * otherwise loaded only if present, so earlier recordings stay playable.
     *
     * @throws ConfigException naming the key at fault when the key cannot be had
     */
    private static Optional<MasterKey> recordingKey(CandorConfig config) {
        CandorConfig.Recording r = config.recording();
        try {
            return MasterKey.load(r.keyEnv(), System.getenv(), r.keyFilePath(config.data()), r.enabled());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            if (!r.enabled()) {
                log.warn("recordings cannot be played: {}", e.getMessage());
                return Optional.empty();
            }
            throw ConfigException.invalid(r.keyEnv().isEmpty() ? "recording.key-file" : "recording.key-env",
                    r.keyEnv().isEmpty() ? r.keyFilePath(config.data()).toString() : r.keyEnv(),
                    "a usable recording master key: " + e.getMessage());
        }
    }

    private static dev.candor.app.call.Prompts cachedPrompts(PromptCache cache) {
        return new dev.candor.app.call.Prompts() {
            @Override
            public short[] pcm(String text) {
                return cache.get(text);
            }

            @Override
            public boolean cached(String text) {
                return cache.contains(text);
            }
        };
    }

    /** Everything Candor always says the same way for this configuration, synthesised once at start-up. */
    static List<String> fixedPrompts(ConversationSettings settings) {
        List<String> texts = new ArrayList<>();
        for (AgentAction action : Conversations.builtIn(settings).start()) {
            if (action instanceof AgentAction.Say say) {
                texts.add(say.text());
            }
        }
        texts.addAll(BuiltInPolicy.fixedPrompts());
        texts.addAll(CallSession.fixedPrompts());
        return texts;
    }

    private static Optional<RecognizerFactory> speechRecognition(CandorConfig config) {
        String configured = config.speech().voskModel();
        CandorConfig.Speech speech = config.speech();
        VoskModelLocator locator = new VoskModelLocator(
                configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured)),
                System.getenv(), config.data().dir().resolve("models"),
                speech.voskDownload() ? Optional.of(java.net.URI.create(speech.voskDownloadUrl())) : Optional.empty(),
                speech.voskDownloadSha256().isEmpty() ? Optional.empty() : Optional.of(speech.voskDownloadSha256()));
        ModelLookup lookup = locator.locate();
        if (lookup instanceof ModelLookup.Found found) {
            try {
                VoskRecognizerFactory factory = VoskRecognizerFactory.load(found);
                log.info("speech recognition: Vosk model {} (from {})", found.dir(), found.source());
                return Optional.of(factory);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                log.warn("speech recognition is off: the Vosk model at {} could not be loaded: {}",
                        found.dir(), e.toString());
                return Optional.empty();
            }
        }
        log.warn("speech recognition is off: {}. Callers are offered DTMF: 0 reaches a person.",
                ((ModelLookup.Missing) lookup).explanation());
        return Optional.empty();
    }

    /** What the SIP endpoint (and every call's RTP session) is started with. */
    static SipEndpointConfig endpointConfig(CandorConfig config) {
        return new SipEndpointConfig(config.sip().bind(), config.sip().port(), config.sip().advertisedAddress(),
                config.rtp().portMin(), config.rtp().portMax(), config.sip().maxMessageBytes(),
                List.of(AudioCodec.PCMU, AudioCodec.PCMA), floodLimits(config.sip()),
                config.sip().maxConcurrentCalls(), streamTransports(config.sip().transports()))
                .withRtcpInterval(config.rtp().rtcpInterval())
                .withTimers(new TimerSettings(Duration.ofMillis(config.sip().timers().t1Millis()),
                        Duration.ofMillis(config.sip().timers().t2Millis()),
                        Duration.ofMillis(config.sip().timers().t4Millis())));
    }

    /**
     * TCP, and TLS: listening with the keystore when one is set, else connect-only; passwords read from the
     * environment variables the config names.
     */
    static StreamTransports streamTransports(CandorConfig.Transports t) {
        StreamTransports streams = new StreamTransports(t.tcpEnabled(), Duration.ofSeconds(t.tcpIdleTimeoutSeconds()),
                t.tlsPort(), Optional.empty(), "", t.tcpMaxConnections(), t.tcpMaxConnectionsPerSource());
        if (!t.tlsKeystore().isEmpty()) {
            String password = System.getenv(t.tlsKeystorePasswordEnv());
            if (password == null) {
                throw new IllegalStateException("sip.tls.keystore-password-env names " + t.tlsKeystorePasswordEnv()
                        + ", which is not set (expected the keystore password in that environment variable)");
            }
            streams = streams.withTls(java.nio.file.Path.of(t.tlsKeystore()), password, t.tlsPort());
        }
        if (t.tlsTrustStore().isEmpty()) {
            return streams;
        }
        String trustPassword = System.getenv(t.tlsTrustStorePasswordEnv());
        if (trustPassword == null) {
            throw new IllegalStateException("sip.tls.trust-store-password-env names " + t.tlsTrustStorePasswordEnv()
                    + ", which is not set (expected the trust store password in that environment variable)");
        }
        return streams.withTrustStore(java.nio.file.Path.of(t.tlsTrustStore()), trustPassword);
    }

    /** Registration at the trunk and its outbound proxy, when configured (after the trunk's credentials). */
    private static void configureTrunk(SipEndpoint endpoint, CandorConfig.Trunk trunk) {
        if (!trunk.outboundProxy().isEmpty()) {
            endpoint.setOutboundProxy(trunk.outboundProxy());
        }
        if (!trunk.registrar().isEmpty()) {
            try {
                endpoint.registerAtTrunk(new TrunkRegistration.Settings(SipUri.of(trunk.registrar()),
                        trunk.username(), Duration.ofSeconds(trunk.registerExpirySeconds()), Duration.ofSeconds(5),
                        Duration.ofMinutes(5)));
            } catch (IllegalArgumentException e) {
                log.error("not registering at the trunk: {}", e.getMessage());
            }
        }
    }

    /** The trunk registration as the console shows it: configuration, and the endpoint's live status. */
    private static TrunkView trunkView(SipEndpoint endpoint, CandorConfig.Trunk trunk) {
        if (trunk.registrar().isEmpty()) {
            return TrunkView.NONE;
        }
        // A password written into the registrar URI (sip:user:password@host) is not shown.
        String registrar = trunk.registrar().replaceFirst("^(sips?:[^:@;?]*):[^@]*@", "$1:***@");
        return new TrunkView(Optional.of(registrar), Optional.of(trunk.username()),
                trunk.registerExpirySeconds(), endpoint::trunkRegistration);
    }

    /** The registrar for agents' phones (when users are configured) and the trunk's credentials. */
    private static void configureAuthentication(SipEndpoint endpoint, CandorConfig.Sip sip) {
        if (!sip.registrar().users().isEmpty()) {
            endpoint.setRegistrar(new Registrar(RegistrarSettings.defaults(sip.registrar().realm()),
                    RegistrarCredentials.parse(sip.registrar().users()), java.time.Clock.systemUTC(),
                    new java.security.SecureRandom()));
        }
        if (!sip.trunk().username().isEmpty()) {
            endpoint.setTrunkCredentials(new DigestClient(sip.trunk().username(), sip.trunk().password(),
                    new java.security.SecureRandom()));
        }
    }

    private static FloodLimits floodLimits(CandorConfig.Sip sip) {
        CandorConfig.RateLimit r = sip.rateLimit();
        return new FloodLimits(r.requestsPerSecond(), r.burst(), r.banAfterExcess(),
                Duration.ofSeconds(r.banSeconds()), r.maxTrackedSources(), TrustedAddresses.of(sip.trustedAddresses()));
    }

    private static List<AgentDirectory.AgentProfile> agentProfiles(CandorConfig config) {
        return config.handoff().agents().stream()
                .map(a -> new AgentDirectory.AgentProfile(a.name(), a.uri(), java.util.Set.copyOf(a.skills())))
                .toList();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public InetSocketAddress sipAddress() {
        return endpoint.localAddress();
    }

    public SipEndpoint endpoint() {
        return endpoint;
    }

    public CallStore callStore() {
        return store;
    }

    /** The port the console and API listen on (useful when configured as 0). */
    public int httpPort() {
        return console.port();
    }

    public CallbackStore callbackStore() {
        return callbacks;
    }

    public LeadStore leadStore() {
        return leads;
    }

    public CampaignStore campaignStore() {
        return campaigns;
    }

    public LiveCalls liveCalls() {
        return live;
    }

    public AgentDirectory agents() {
        return agents;
    }

    public CandorConfig config() {
        return config;
    }

    public boolean speechRecognitionAvailable() {
        return recognizers.isPresent();
    }

    @Override
    public void close() {
        dialerThread.shutdownNow();
        console.close();
        // The clock stops before the network: otherwise its last ticks send RTP on event loops that
        // are already shut down.
        mediaClock.close();
        endpoint.close();
        timers.shutdownNow();
        callThreads.shutdown();
        workers.shutdown();
        recognition.close();
        try {
            callThreads.awaitTermination(2, TimeUnit.SECONDS);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recordings.ifPresent(Recordings::close);
        dialog.close();
        synthesizer.close();
        recognizers.ifPresent(r -> {
            if (r instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("closing the recognizer failed", e);
                }
            }
        });
        database.close();
    }

    /** For tests and the console: the legs currently up. */
    public int activeLegs() {
        return endpoint.activeLegs();
    }
}
