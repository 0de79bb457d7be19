package dev.candor.telephony.call;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.rtp.netty.NettyMediaFactory;
import dev.candor.telephony.sip.auth.Binding;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.auth.Registrar;
import dev.candor.telephony.sip.limits.SipIngress;
import dev.candor.telephony.sip.limits.SourceRateLimiter;
import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.netty.StreamSipChannel;
import dev.candor.telephony.sip.netty.TlsContexts;
import dev.candor.telephony.sip.netty.TransportSelector;
import dev.candor.telephony.sip.netty.UdpSipChannel;
import dev.candor.telephony.sip.ua.SipUserAgent;
import dev.candor.telephony.sip.ua.TrunkRegistration;
import dev.candor.telephony.sip.ua.UserAgentCounters;
import dev.candor.telephony.sip.ua.UserAgentSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Candor's telephone: a SIP user agent on UDP, TCP and optionally TLS, with RTP media, paced by a shared {@link MediaClock}.
 * The composition root of the telephony module; nothing else in Candor touches Netty.
 */
public final class SipEndpoint implements AutoCloseable {
    private final EventLoopGroup group;
    private final UdpSipChannel sip;
    private final StreamSipChannel tcp;
    private final StreamSipChannel tls;
    private final SipIngress ingress;
    private final SipUserAgent userAgent;
    private volatile SipUri outboundProxy;
    private TrunkRegistration registration;

    private SipEndpoint(EventLoopGroup group, UdpSipChannel sip, StreamSipChannel tcp, StreamSipChannel tls,
                        SipIngress ingress, SipUserAgent userAgent) {
        this.group = group;
        this.sip = sip;
        this.tcp = tcp;
        this.tls = tls;
        this.ingress = ingress;
        this.userAgent = userAgent;
    }

    /**
     * Binds SIP and prepares RTP. Events are delivered on {@code callbackPool} (each leg's in order);
     * blocks until the SIP port is bound.
     */
    public static SipEndpoint start(SipEndpointConfig config, MediaClock clock, Executor callbackPool,
                                    IncomingCallHandler handler) throws InterruptedException {
        Objects.requireNonNull(config, "config");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("candor-net", true),
                NioIoHandler.newFactory());
        try {
            SipDecoderConfig decoderConfig = new SipDecoderConfig(config.maxMessageBytes(),
                    SipDecoderConfig.defaults().maxHeaders());
            SourceRateLimiter limiter = new SourceRateLimiter(config.floodLimits(), Clock.systemUTC());
            SipIngress ingress = new SipIngress(decoderConfig, limiter);
            UdpSipChannel sip = UdpSipChannel.bind(group, config.bindAddress(), config.port(), ingress);
            int port = sip.localAddress().getPort();
            StreamSipChannel tcp = config.transports().tcpEnabled()
                    ? streamChannel(group, ingress, sip, config, port).listen() : null;
            StreamTransports streams = config.transports();
            StreamSipChannel tls;
            if (streams.keystore().isPresent()) {
                TlsContexts.Pair contexts = TlsContexts.fromPkcs12(streams.keystore().get(),
                        streams.keystorePassword().toCharArray(), streams.trustStore(),
                        streams.trustStorePassword().toCharArray());
                tls = streamChannel(group, ingress, sip, config, streams.tlsPort())
                        .tls(contexts.server(), contexts.client()).listen();
            } else {
                // No certificate of Candor's own: TLS only on connections Candor opens (a sips: trunk).
                tls = streamChannel(group, ingress, sip, config, streams.tlsPort())
                        .tlsConnectOnly(TlsContexts.client(streams.trustStore(),
                                streams.trustStorePassword().toCharArray())).listen();
            }
            UserAgentSettings base = UserAgentSettings.defaults(config.advertisedAddress(), port);
            UserAgentSettings settings = new UserAgentSettings(base.advertisedHost(), port, config.codecs(),
                    base.userAgent(), base.t1(), base.t2(), config.maxConcurrentCalls())
                    .withTimers(config.timers().t1(), config.timers().t2(), config.timers().t4());
            NettyMediaFactory media = new NettyMediaFactory(group, config.bindAddress(), config.rtpPortMin(),
                    config.rtpPortMax(), clock, config.rtcpInterval(), new SecureRandom());
            TransportSelector transport = new TransportSelector(sip, tcp, tls,
                    SipUserAgent.contactUri(settings));
            SipUserAgent ua = new SipUserAgent(transport, sip, settings, media, callbackPool, new SecureRandom());
            ua.setIncomingCallHandler(handler);
            ua.setIdentityTrust(config.floodLimits().trusted()::contains);
            sip.setReceiver(ua::receive);
            if (tcp != null) {
                tcp.setReceiver(ua::receive);
            }
            if (tls != null) {
                tls.setReceiver(ua::receive);
            }
            return new SipEndpoint(group, sip, tcp, tls, ingress, ua);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }
    private volatile Registrar registrar;

    private static StreamSipChannel.Builder streamChannel(EventLoopGroup group, SipIngress ingress,
                                                          UdpSipChannel sipThread, SipEndpointConfig config, int port) {
        return StreamSipChannel.builder(group, ingress, sipThread).bind(config.bindAddress(), port)
                .idleTimeout(config.transports().idleTimeout())
                .maxConnections(config.transports().maxConnections())
                .maxConnectionsPerSource(config.transports().maxConnectionsPerSource());
    }

    /**
     * Calls {@code target} (for example {@code sip:alice@192.0.2.7:5070}). Resolves the host name on the
     * calling thread, so call it from application threads, never from an event loop.
     *
     * @throws IllegalArgumentException if the URI is malformed or its host cannot be resolved
     */
    public CallLeg call(String target, String fromUser, CallLegListener listener, Duration answerTimeout) {
        SipUri requested = SipUri.of(target);
        SipUri uri = routeThroughRegistrar(requested);
        // A phone registered with us is reached directly; anything else through the trunk's proxy, if any.
        SipUri proxy = uri == requested ? outboundProxy : null;
        InetSocketAddress destination = resolve(proxy != null ? proxy : uri);
        return userAgent.placeCall(uri, destination, fromUser, listener, answerTimeout);
    }

    /** The address of a URI's host and port (the scheme's default port when none); blocks on DNS. */
    private static InetSocketAddress resolve(SipUri uri) {
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        try {
            return new InetSocketAddress(InetAddress.getByName(host), uri.portOrDefault());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the host of " + uri + ": " + host, e);
        }
    }

    /**
     * Sends outbound INVITEs and REGISTERs through the trunk's outbound proxy (a Route header; the
     * request goes to the proxy's address), e.g. {@code sip:proxy.example.com;transport=tcp}.
     */
    public void setOutboundProxy(String proxyUri) {
        SipUri proxy = SipUri.of(proxyUri);
        userAgent.setOutboundProxy(proxy);
        this.outboundProxy = proxy;
    }

    /**
     * Registers Candor at the trunk and keeps the registration fresh; challenges are answered with the
     * credentials from {@link #setTrunkCredentials}. Resolves the registrar (or outbound proxy) on the
     * calling thread. Replaces any earlier registration.
     */
    public synchronized void registerAtTrunk(TrunkRegistration.Settings settings) {
        if (registration != null) {
            userAgent.stopRegistration(registration);
        }
        SipUri proxy = outboundProxy;
        registration = userAgent.registerAtTrunk(settings, resolve(proxy != null ? proxy : settings.registrar()),
                Clock.systemUTC());
    }

    /**
     * Removes Candor's binding at the trunk, if it is registered, waiting at most two seconds for the
     * trunk's answer, so that the trunk stops sending calls here. Called by {@link #close()}.
     */
    private void unregisterFromTrunk() {
        TrunkRegistration r;
        synchronized (this) {
            r = registration;
        }
        if (r == null) {
            return;
        }
        try {
            userAgent.unregister(r).get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // The binding will expire at the trunk on its own.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The trunk registration's status, if Candor registers at a trunk. */
    public synchronized Optional<TrunkRegistration.Status> trunkRegistration() {
        return Optional.ofNullable(registration).map(TrunkRegistration::status);
    }

    /**
     * A call to a user of our own registrar's realm ({@code sip:alice@<realm>}) goes to the phone that
     * user registered last (RFC 3261 §16.5, the location service); any other URI is called as it is.
     *
     * @throws IllegalArgumentException when the user has no registered phone now
     */
    private SipUri routeThroughRegistrar(SipUri uri) {
        Registrar registrar = this.registrar;
        if (registrar == null || uri.user() == null || !uri.host().equalsIgnoreCase(registrar.settings().realm())) {
            return uri;
        }
        List<Binding> bindings = registrar.lookup(uri.user());
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("no phone is registered for " + uri.user() + "@" + uri.host());
        }
        return bindings.get(bindings.size() - 1).contact();
    }

    /** Replaces the handler for new inbound calls (before it is set, calls are answered 480). */
    public void setIncomingCallHandler(IncomingCallHandler handler) {
        userAgent.setIncomingCallHandler(handler);
    }

    /** The bound SIP address (useful when the port was 0). */
    public InetSocketAddress localAddress() {
        return sip.localAddress();
    }

    /** The TCP listening address (the UDP port number), if TCP is on. */
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcp).map(StreamSipChannel::localAddress);
    }

    /** The TLS listening address, if a keystore is configured (without one, TLS is connect-only). */
    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tls).filter(StreamSipChannel::isListening).map(StreamSipChannel::localAddress);
    }

    /** Stream connections closed because they could not be framed (bad or missing Content-Length, too large). */
    public long streamFramingErrors() {
        return (tcp == null ? 0 : tcp.framingErrors()) + (tls == null ? 0 : tls.framingErrors());
    }

    /** TCP and TLS connections closed when accepted: banned sources and those beyond the cap. */
    public long refusedStreamConnections() {
        return (tcp == null ? 0 : tcp.refusedConnections()) + (tls == null ? 0 : tls.refusedConnections());
    }

    /** Of {@link #refusedStreamConnections()}, those whose source address already had its maximum open. */
    public long refusedStreamConnectionsPerSource() {
        return (tcp == null ? 0 : tcp.refusedPerSource()) + (tls == null ? 0 : tls.refusedPerSource());
    }

    /** Open TCP and TLS connections. */
    public int openStreamConnections() {
        return (tcp == null ? 0 : tcp.openConnections()) + (tls == null ? 0 : tls.openConnections());
    }

    /** Messages dropped: malformed, oversized, from a banned source, or limited responses and ACKs. */
    public long droppedDatagrams() {
        return ingress.dropped() + sip.oversizedDatagrams();
    }

    /** Malformed requests answered 400 (or 505). */
    public long answeredBadRequests() {
        return ingress.answeredBadRequests();
    }

    /** What the flood and abuse limits have done so far. */
    public AbuseCounters abuseCounters() {
        SourceRateLimiter limiter = ingress.limiter();
        return new AbuseCounters(ingress.answeredRateLimited(), limiter.limited(), limiter.bannedDrops(),
                limiter.bans(), limiter.trackedSources(), limiter.evictions(),
                userAgent.counters().callsOverCapacity());
    }

    /** Answers REGISTER from agents' phones with {@code registrar}; see {@link Registrar#lookup(String)}. */
    public void setRegistrar(Registrar registrar) {
        this.registrar = registrar;
        userAgent.setRegistrar(registrar);
    }

    /** Answers 401/407 challenges to Candor's outbound requests (the trunk's credentials). */
    public void setTrunkCredentials(DigestClient credentials) {
        userAgent.setTrunkCredentials(credentials);
    }

    public UserAgentCounters counters() {
        return userAgent.counters();
    }

    public int activeLegs() {
        return userAgent.activeLegs();
    }

    @Override
    public void close() {
        unregisterFromTrunk();
        if (tcp != null) {
            tcp.close();
        }
        if (tls != null) {
            tls.close();
        }
        sip.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
