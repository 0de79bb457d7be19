package dev.candor.telephony.sip.netty;

import dev.candor.telephony.sip.limits.LogSafe;
import dev.candor.telephony.sip.limits.SipIngress;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * SIP over a stream: TCP, or TLS when built with an {@link SslContext} (SIPS, RFC 3261 §26.2). Listens
 * for connections and opens them on demand; keeps one connection per remote address, so a response
 * goes back on the connection its request came on (RFC 3261 §18.2.2) and requests to a peer reuse an
 * open one. Connections idle longer than the timeout are closed.
 *
 * <p>A connection Candor opened and sent a REGISTER over is a registration flow: the registrar sends its
 * calls down it, so it must stay open. Candor keeps it alive with double-CRLF pings (RFC 5626 §3.5.1,
 * §4.4.1) every {@value #KEEP_ALIVE_SECONDS} s at most (80–100 % of that, or of half the idle timeout
 * when that is shorter). Once the peer has answered a ping, a ping that gets nothing back within
 * {@value #PONG_TIMEOUT_SECONDS} s (half the interval, if shorter) means the flow failed: it is closed and
 * the next request opens a new one. A peer that never answers pings keeps its flow. Other connections
 * close when idle.
 *
 * <p>TLS without a certificate of Candor's own is {@linkplain Builder#tlsConnectOnly connect-only}:
 * nothing listens, Candor opens connections (verifying the server) and the peer's requests and
 * responses come back over them.
 *
 * <p>Messages are framed by {@link StreamSipDecoder}, checked by the shared {@link SipIngress}, and
 * passed to the receiver on the SIP thread ({@code sipThread}), never on this channel's event loop.
 * Nothing here blocks an event loop.
 */
public final class StreamSipChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamSipChannel.class);
    /** RFC 5626 §4.4.1: keep-alive pings on a registration flow every 95–120 s or so. */
    static final int KEEP_ALIVE_SECONDS = 120;
    /** RFC 5626 §4.4.1: no pong within 10 s of a ping, and the flow has failed. */
    static final int PONG_TIMEOUT_SECONDS = 10;
    private static final byte[] PING = {'\r', '\n', '\r', '\n'};
    private static final AttributeKey<Boolean> KEPT_ALIVE = AttributeKey.valueOf("candor.keptAlive");
    private static final AttributeKey<Long> LAST_READ = AttributeKey.valueOf("candor.lastReadNanos");
    private static final AttributeKey<Boolean> ANSWERS_PINGS = AttributeKey.valueOf("candor.answersPings");

    private final String transport;
    private final EventLoopGroup group;
    private final SipIngress ingress;
    private final Executor sipThread;
    private final SslContext serverSsl;
    private final SslContext clientSsl;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final int maxConnectionsPerSource;
    /** Accepted connections open per source address; an entry leaves with its last connection. */
    private final Map<InetAddress, Integer> perSource = new ConcurrentHashMap<>();
    private final AtomicLong refusedPerSource = new AtomicLong();
    /** The listening socket; null for a connect-only channel. */
    private final Channel server;
    private final InetSocketAddress advertised;
    private final Map<InetSocketAddress, ChannelFuture> connections = new ConcurrentHashMap<>();
    private final AtomicLong framingErrors = new AtomicLong();
    private final AtomicLong acceptedConnections = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong keepAlivePings = new AtomicLong();
    private final AtomicLong failedFlows = new AtomicLong();
    private final AtomicLong lastLogMillis = new AtomicLong();
    private volatile BiConsumer<SipMessage, InetSocketAddress> receiver = (m, s) -> { };

    private StreamSipChannel(Builder b) throws InterruptedException {
        this.transport = b.clientSsl == null ? "TCP" : "TLS";
        this.group = Objects.requireNonNull(b.group, "group");
        this.ingress = Objects.requireNonNull(b.ingress, "ingress");
        this.sipThread = Objects.requireNonNull(b.sipThread, "sipThread");
        this.serverSsl = b.serverSsl;
        this.clientSsl = b.clientSsl;
        this.idleTimeout = Objects.requireNonNull(b.idleTimeout, "idleTimeout");
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerSource = b.maxConnectionsPerSource;
        if (b.connectOnly) {
            this.server = null;
            // Port 0 ("any") cannot be named in a Via: the SIPS default stands in (RFC 3261 §19.1.2).
            this.advertised = new InetSocketAddress(b.bindAddress, b.port == 0 ? 5061 : b.port);
            return;
        }
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Initializer(null))
                .bind(b.bindAddress, b.port)
                .sync()
                .channel();
        this.advertised = (InetSocketAddress) server.localAddress();
    }

    /** Starts building a stream channel; {@link Builder#listen()} binds it. */
    public static Builder builder(EventLoopGroup group, SipIngress ingress, Executor sipThread) {
        return new Builder(group, ingress, sipThread);
    }

    /** {@code TCP} or {@code TLS}: the transport token this channel puts in Via. */
    public String transport() {
        return transport;
    }

    /** Where parsed messages go; called on the SIP thread. */
    public void setReceiver(BiConsumer<SipMessage, InetSocketAddress> receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * The address this channel names in Via and Contact: where it listens, or for a connect-only channel
     * the bind address and configured port, which nothing listens on (peers answer over the connection).
     */
    public InetSocketAddress localAddress() {
        return advertised;
    }

    /** Whether this channel accepts connections (false for a connect-only TLS channel). */
    public boolean isListening() {
        return server != null;
    }

    /** Whether a connection to {@code remote} is open or being opened. */
    public boolean hasConnection(InetSocketAddress remote) {
        ChannelFuture f = connections.get(remote);
        return f != null && (!f.isDone() || f.channel().isActive());
    }

    /** Streams closed because they could not be framed (bad or missing Content-Length, too large). */
    public long framingErrors() {
        return framingErrors.get();
    }

    public long acceptedConnections() {
        return acceptedConnections.get();
    }

    /** Connections closed as soon as accepted: from a banned source, or beyond the connection cap. */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    /** Of the refused connections, those refused because their source already had its maximum open. */
    public long refusedPerSource() {
        return refusedPerSource.get();
    }

    /** Connections closed by the idle timeout. */
    public long idleClosed() {
        return idleClosed.get();
    }

    /** Double-CRLF keep-alive pings sent on registration flows. */
    public long keepAlivePings() {
        return keepAlivePings.get();
    }

    /** Registration flows closed because a keep-alive ping went unanswered. */
    public long failedFlows() {
        return failedFlows.get();
    }

    /** Open connections (accepted and opened). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Sends {@code message} on the connection to {@code destination}, opening one if there is none.
     * Never blocks: a connection being opened carries the message once it is up.
     */
    public void send(SipMessage message, InetSocketAddress destination) {
        send(message, destination, null);
    }

    /**
     * Like {@link #send(SipMessage, InetSocketAddress)}, but when no connection to {@code destination}
     * can be opened, runs {@code onConnectFailure} (on the event loop; it must not block) instead of
     * logging: the caller falls back to another transport.
     */
    public void send(SipMessage message, InetSocketAddress destination, Runnable onConnectFailure) {
        byte[] bytes = message.toBytes();
        ChannelFuture connection = connections.get(destination);
        if (connection == null || (connection.isDone() && !connection.channel().isActive())) {
            // Only the SIP thread opens connections, so there is no race to open two; a connect that
            // fails at once removes itself before the put, and the next send replaces the dead entry.
            connection = connect(destination);
            connections.put(destination, connection);
        }
        connection.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                if (onConnectFailure != null) {
                    log.debug("could not connect over {} to {} ({}); falling back", transport, destination,
                            f.cause().toString());
                    onConnectFailure.run();
                } else {
                    log.warn("could not connect over {} to {}: {}", transport, destination, f.cause().toString());
                }
                return;
            }
            if (message instanceof SipRequest request && request.method().name().equals("REGISTER")) {
                keepAlive(f.channel());
            }
            f.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(w -> {
                if (!w.isSuccess()) {
                    log.warn("could not send SIP message over {} to {}: {}", transport, destination,
                            w.cause().toString());
                }
            });
        });
    }

    private ChannelFuture connect(InetSocketAddress destination) {
        ChannelFuture future = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new Initializer(destination))
                .connect(destination);
        future.channel().closeFuture().addListener(c -> connections.remove(destination, future));
        return future;
    }

    /**
     * Keeps {@code channel}, a registration flow, open: a ping every interval (with jitter, so flows do
     * not ping in step), and a check {@code pongTimeout} later that something was read since. On the
     * channel's own event loop; nothing blocks.
     */
    private void keepAlive(Channel channel) {
        if (channel.attr(KEPT_ALIVE).setIfAbsent(Boolean.TRUE) != null) {
            return;
        }
        long intervalMillis = Math.min(TimeUnit.SECONDS.toMillis(KEEP_ALIVE_SECONDS), idleTimeout.toMillis() / 2);
        long pongMillis = Math.min(TimeUnit.SECONDS.toMillis(PONG_TIMEOUT_SECONDS), intervalMillis / 2);
        long periodMillis = Math.max(1, intervalMillis - java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(intervalMillis / 5 + 1));
        var pings = channel.eventLoop().scheduleAtFixedRate(() -> {
            long sent = System.nanoTime();
            keepAlivePings.incrementAndGet();
            channel.writeAndFlush(Unpooled.wrappedBuffer(PING));
            channel.eventLoop().schedule(() -> {
                Long lastRead = channel.attr(LAST_READ).get();
                boolean answered = lastRead != null && lastRead - sent >= 0;
                if (answered) {
                    channel.attr(ANSWERS_PINGS).set(Boolean.TRUE);
                } else if (channel.isActive() && Boolean.TRUE.equals(channel.attr(ANSWERS_PINGS).get())) {
                    // Only a peer known to answer pings is judged by them: one that never does (it does not
                    // implement RFC 5626) keeps its flow, which the pings still keep fresh in NATs.
                    failedFlows.incrementAndGet();
                    logRateLimited("{} registration flow to {} did not answer a keep-alive within {} ms: closed",
                            transport, channel.remoteAddress(), pongMillis);
                    channel.close();
                }
            }, pongMillis, TimeUnit.MILLISECONDS);
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(c -> pings.cancel(false));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        for (ChannelFuture f : connections.values()) {
            f.channel().close();
        }
        connections.clear();
    }

    private void onFrame(Channel channel, byte[] frame) {
        InetSocketAddress source = (InetSocketAddress) channel.remoteAddress();
        SipIngress.Outcome outcome = ingress.accept(frame, 0, frame.length, source);
        if (outcome instanceof SipIngress.Outcome.Deliver deliver) {
            sipThread.execute(() -> receiver.accept(deliver.message(), source));
        } else if (outcome instanceof SipIngress.Outcome.Reply reply) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(reply.response().toBytes()));
            if (reply.reason() == SipIngress.Reason.MALFORMED) {
                logRateLimited("malformed SIP message over {} from {}: answered {}", transport,
                        source.getAddress().getHostAddress(), reply.response().statusCode());
            }
        } else if (outcome instanceof SipIngress.Outcome.Drop drop && drop.reason() == SipIngress.Reason.MALFORMED) {
            logRateLimited("malformed SIP message over {} from {}: {}", transport,
                    source.getAddress().getHostAddress(), LogSafe.text(drop.detail()));
        }
    }

    private void onFramingError(Channel channel, String reason) {
        framingErrors.incrementAndGet();
        InetSocketAddress source = (InetSocketAddress) channel.remoteAddress();
        logRateLimited("closing {} connection from {}: {}", transport,
                source == null ? "?" : source.getAddress().getHostAddress(), reason);
        channel.close();
    }

    /** One line at most every 10 s, so a flood cannot fill the log. */
    private void logRateLimited(String format, Object... args) {
        long now = System.currentTimeMillis();
        long last = lastLogMillis.get();
        if (now - last >= 10_000 && lastLogMillis.compareAndSet(last, now)) {
            log.warn(format, args);
        }
    }

    private final class Initializer extends ChannelInitializer<SocketChannel> {
        private final boolean accepted;
        /** Where a connection Candor opens goes: the name its TLS certificate must carry. */
        private final InetSocketAddress destination;

        /** @param destination null for accepted connections, else the address being connected to */
        Initializer(InetSocketAddress destination) {
            this.accepted = destination == null;
            this.destination = destination;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            if (accepted) {
                InetSocketAddress remote = ch.remoteAddress();
                InetAddress source = remote.getAddress();
                boolean trusted = ingress.limiter().isTrusted(source);
                if (ingress.limiter().isBanned(source)
                        || (!trusted && connections.size() >= maxConnections)) {
                    // A banned source, or a flood of connections: refuse before buffering a byte.
                    refusedConnections.incrementAndGet();
                    ch.close();
                    return;
                }
                if (!trusted && !admitFrom(source)) {
                    // One address holding many connections (a scanner, a misbehaving phone).
                    refusedConnections.incrementAndGet();
                    refusedPerSource.incrementAndGet();
                    logRateLimited("refused a {} connection from {}: it already has {} open", transport,
                            source.getHostAddress(), maxConnectionsPerSource);
                    ch.close();
                    return;
                }
                acceptedConnections.incrementAndGet();
                ChannelFuture registered = ch.newSucceededFuture();
                connections.put(remote, registered);
                ch.closeFuture().addListener(c -> {
                    connections.remove(remote, registered);
                    if (!trusted) {
                        releaseFrom(source);
                    }
                });
            }
            if (clientSsl != null) {
                // Not yet connected here, so the peer's name comes from the destination (the host name
                // it was resolved from, or the literal address), for SNI and the certificate check.
                ch.pipeline().addLast("tls", accepted ? serverSsl.newHandler(ch.alloc())
                        : clientSsl.newHandler(ch.alloc(), destination.getHostString(), destination.getPort()));
            }
            long idleMillis = idleTimeout.toMillis();
            ch.pipeline()
                    .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                    .addLast("activity", new LastRead())
                    .addLast("framer", new StreamSipDecoder(ingress.decoderConfig().maxMessageBytes()))
                    .addLast("sip", new Handler());
        }
    }

    /** Counts a new connection from {@code source}; false (nothing counted) when it has its maximum open. */
    private boolean admitFrom(InetAddress source) {
        boolean[] admitted = {false};
        perSource.compute(source, (address, open) -> {
            int count = open == null ? 0 : open;
            if (count >= maxConnectionsPerSource) {
                return open;
            }
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0];
    }

    private void releaseFrom(InetAddress source) {
        perSource.computeIfPresent(source, (address, open) -> open <= 1 ? null : open - 1);
    }

    /** Notes when bytes last arrived (a pong, a message): what the keep-alive checks. */
    private static final class LastRead extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.channel().attr(LAST_READ).set(System.nanoTime());
            ctx.fireChannelRead(msg);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof byte[] frame) {
                onFrame(ctx.channel(), frame);
            } else if (msg instanceof StreamSipDecoder.FramingError error) {
                onFramingError(ctx.channel(), error.reason());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                idleClosed.incrementAndGet();
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Resets and TLS handshake failures are the peer's doing; close quietly (rate-limited log).
            logRateLimited("{} connection from {} failed: {}", transport, ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }

    /** Settings of a stream channel; TLS when {@link #tls} is called. */
    public static final class Builder {
        private final EventLoopGroup group;
        private final SipIngress ingress;
        private final Executor sipThread;
        private String bindAddress = "0.0.0.0";
        private int port;
        private SslContext serverSsl;
        private SslContext clientSsl;
        private boolean connectOnly;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int maxConnections = 10_000;
        private int maxConnectionsPerSource = 10_000;

        private Builder(EventLoopGroup group, SipIngress ingress, Executor sipThread) {
            this.group = group;
            this.ingress = ingress;
            this.sipThread = sipThread;
        }

        public Builder bind(String address, int port) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            this.port = port;
            return this;
        }

        /** Speaks TLS: {@code server} for accepted connections, {@code client} for those Candor opens. */
        public Builder tls(SslContext server, SslContext client) {
            this.serverSsl = Objects.requireNonNull(server, "server");
            this.clientSsl = Objects.requireNonNull(client, "client");
            this.connectOnly = false;
            return this;
        }

        /**
         * Speaks TLS on connections Candor opens only, with {@code client}; nothing listens. The port given
         * to {@link #bind} is only named in Via and Contact.
         */
        public Builder tlsConnectOnly(SslContext client) {
            this.serverSsl = null;
            this.clientSsl = Objects.requireNonNull(client, "client");
            this.connectOnly = true;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("invalid idle timeout: " + timeout + " (expected > 0)");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** Open connections at most; more are closed when accepted (trusted addresses are exempt). */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("invalid maxConnections: " + max + " (expected >= 1)");
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Open connections accepted from one source address at most; more from it are closed when
         * accepted and counted ({@link #refusedPerSource()}). Trusted addresses are exempt.
         */
        public Builder maxConnectionsPerSource(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("invalid maxConnectionsPerSource: " + max + " (expected >= 1)");
            }
            this.maxConnectionsPerSource = max;
            return this;
        }

        /**
         * Binds the listening socket (none for {@link #tlsConnectOnly}); blocks the calling thread
         * (start-up, never an event loop).
         */
        public StreamSipChannel listen() throws InterruptedException {
            return new StreamSipChannel(this);
        }
    }
}
