package dev.candor.telephony.sip.netty;

import dev.candor.telephony.sip.limits.LogSafe;
import dev.candor.telephony.sip.limits.SipIngress;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.ua.SipScheduler;
import dev.candor.telephony.sip.ua.SipTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * SIP over UDP. One channel, one event loop: the user agent runs on that loop too, so SIP state needs
 * no locks. Implements the transport and the scheduler the user agent needs.
 */
public final class UdpSipChannel implements SipTransport, SipScheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpSipChannel.class);

    private final Channel channel;
    private final SipIngress ingress;
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong lastDropLogMillis = new AtomicLong();
    private volatile BiConsumer<SipMessage, InetSocketAddress> receiver = (m, s) -> { };

    private UdpSipChannel(Channel channel, SipIngress ingress) {
        this.channel = channel;
        this.ingress = ingress;
    }

    /** Binds the SIP port; blocks the calling thread (start-up, never an event loop) until bound. */
    public static UdpSipChannel bind(EventLoopGroup group, String bindAddress, int port, SipIngress ingress)
            throws InterruptedException {
        Objects.requireNonNull(ingress, "ingress");
        Handler handler = new Handler(ingress.decoderConfig().maxMessageBytes());
        Channel channel = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .handler(handler)
                .bind(bindAddress, port)
                .sync()
                .channel();
        UdpSipChannel sip = new UdpSipChannel(channel, ingress);
        handler.owner = sip;
        return sip;
    }

    /** Where parsed messages go; called on the event loop. */
    public void setReceiver(BiConsumer<SipMessage, InetSocketAddress> receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Datagrams dropped because they were larger than the configured maximum message size. */
    public long oversizedDatagrams() {
        return oversized.get();
    }

    @Override
    public void send(SipMessage message, InetSocketAddress destination) {
        byte[] bytes = message.toBytes();
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), destination))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        log.warn("could not send SIP message to {}: {}", destination, f.cause().toString());
                    }
                });
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        var future = channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private void onDatagram(byte[] data, InetSocketAddress sender) {
        SipIngress.Outcome outcome = ingress.accept(data, 0, data.length, sender);
        if (outcome instanceof SipIngress.Outcome.Deliver deliver) {
            receiver.accept(deliver.message(), sender);
        } else if (outcome instanceof SipIngress.Outcome.Reply reply) {
            send(reply.response(), sender);
            if (reply.reason() == SipIngress.Reason.MALFORMED) {
                logDrop(sender, "answered " + reply.response().statusCode());
            }
        } else if (outcome instanceof SipIngress.Outcome.Drop drop && drop.reason() == SipIngress.Reason.MALFORMED) {
            logDrop(sender, drop.detail());
        }
    }

    /** One line per bad datagram at most every 10 s, so a flood cannot fill the log. */
    private void logDrop(InetSocketAddress sender, String what) {
        long now = System.currentTimeMillis();
        long last = lastDropLogMillis.get();
        if (now - last >= 10_000 && lastDropLogMillis.compareAndSet(last, now)) {
            log.warn("malformed SIP datagram from {}: {} (dropped so far: {}, answered 400: {})",
                    sender.getAddress().getHostAddress(), LogSafe.text(what), ingress.dropped(),
                    ingress.answeredBadRequests());
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int maxMessageBytes;
        private volatile UdpSipChannel owner;

        Handler(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            UdpSipChannel sip = owner;
            if (sip == null) {
                return;
            }
            ByteBuf content = packet.content();
            if (content.readableBytes() > maxMessageBytes) {
                sip.oversized.incrementAndGet();
                return;
            }
            byte[] data = ByteBufUtil.getBytes(content);
            sip.onDatagram(data, packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A bug, not bad input: the parser returns errors as values. Keep the channel open.
            log.error("unexpected error on the SIP channel", cause);
        }
    }
}
