package dev.candor.telephony.rtp.netty;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.media.Registration;
import dev.candor.telephony.rtp.RtpSequencer;
import dev.candor.telephony.rtp.session.RtcpInterval;
import dev.candor.telephony.rtp.session.RtpSession;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sip.ua.MediaChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * One leg's RTP over two Netty UDP channels, RTP on an even port and RTCP on the next: the
 * channels' handlers hand datagrams to the {@link RtpSession}, the media clock ticks it, and its
 * sends become datagrams. All RTP logic lives in the session; this class only moves bytes.
 */
final class RtpMediaChannel implements MediaChannel {
    private static final Logger log = LoggerFactory.getLogger(RtpMediaChannel.class);

    private final Channel rtpChannel;
    private final Channel rtcpChannel;
    private final Handler rtpHandler;
    private final Handler rtcpHandler;
    private final MediaClock clock;
    private final Duration rtcpInterval;
    private final RandomGenerator random;
    private volatile Registration registration;
    private volatile RtpSession session;
    private boolean closed;

    RtpMediaChannel(Channel rtpChannel, Handler rtpHandler, Channel rtcpChannel, Handler rtcpHandler,
                    MediaClock clock, Duration rtcpInterval, RandomGenerator random) {
        this.rtpChannel = rtpChannel;
        this.rtpHandler = rtpHandler;
        this.rtcpChannel = rtcpChannel;
        this.rtcpHandler = rtcpHandler;
        this.clock = clock;
        this.rtcpInterval = rtcpInterval;
        this.random = random;
    }

    @Override
    public int localPort() {
        return ((InetSocketAddress) rtpChannel.localAddress()).getPort();
    }

    @Override
    public synchronized void start(MediaParameters parameters, FrameSource source, MediaEvents events) {
        if (session != null || closed) {
            return;
        }
        RtpSequencer sequencer;
        String cname;
        synchronized (random) {
            sequencer = RtpSequencer.random(random);
            cname = "candor-" + HexFormat.of().toHexDigits(random.nextLong());
        }
        RtpSession s = new RtpSession(parameters, source, events, new Transport(),
                sequencer, new RtcpInterval(rtcpInterval, RandomGenerator.of("L64X128MixRandom")), cname,
                () -> System.nanoTime() / 1_000_000, InstantSource.system());
        this.session = s;
        rtpHandler.receiver = s::onRtp;
        rtcpHandler.receiver = s::onRtcp;
        this.registration = clock.register(tick -> s.onTick());
    }

    @Override
    public MediaStatistics statistics() {
        RtpSession s = session;
        return s == null ? MediaStatistics.NONE : s.statistics();
    }

    @Override
    public void setDirection(dev.candor.telephony.sdp.Direction direction) {
        RtpSession s = session;
        if (s != null) {
            s.setSending(direction.sends());
        }
    }

    @Override
    public boolean sendDtmf(char digit, int durationMillis) {
        RtpSession s = session;
        return s != null && s.sendDtmf(digit, durationMillis);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Registration r = registration;
        if (r != null) {
            r.close();
        }
        rtpHandler.receiver = null;
        rtcpHandler.receiver = null;
        RtpSession s = session;
        if (s != null) {
            s.close();                  // queues the BYE on the event loop, ahead of the close below
        }
        rtpChannel.close();
        rtcpChannel.close();
    }

    /**
     * Sends on the channels; Netty's writes never block the calling thread. RTP goes out from a pooled
     * direct buffer filled here, on the media clock thread: the NIO datagram channel sends a direct
     * buffer as it is, whereas a heap buffer would be copied into a new direct one on the event loop,
     * the single thread that sends every call's packets, 50 a second each.
     */
    private final class Transport implements RtpSession.Transport {
        @Override
        public void sendRtp(byte[] datagram, int length, InetSocketAddress to) {
            ByteBuf buffer = rtpChannel.alloc().directBuffer(length, length).writeBytes(datagram, 0, length);
            rtpChannel.writeAndFlush(new DatagramPacket(buffer, to), rtpChannel.voidPromise());
        }

        @Override
        public void sendRtcp(byte[] datagram, InetSocketAddress to) {
            rtcpChannel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to),
                    rtcpChannel.voidPromise());
        }
    }

    /** Hands each datagram's bytes and sender to the session, on the event loop. */
    static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final String what;
        volatile BiConsumer<byte[], InetSocketAddress> receiver;

        Handler(String what) {
            this.what = what;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            BiConsumer<byte[], InetSocketAddress> r = receiver;
            if (r != null) {
                r.accept(ByteBufUtil.getBytes(packet.content()), packet.sender());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.error("unexpected error on an {} channel {}", what, ctx.channel().localAddress(), cause);
        }
    }
}
