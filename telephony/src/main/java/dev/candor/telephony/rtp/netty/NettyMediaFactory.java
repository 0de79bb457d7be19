package dev.candor.telephony.rtp.netty;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.rtp.session.RtcpInterval;
import dev.candor.telephony.sip.ua.MediaChannel;
import dev.candor.telephony.sip.ua.MediaFactory;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Binds RTP and RTCP port pairs asynchronously: RTP on even ports from {@code portMin} to
 * {@code portMax} and RTCP on the port above (RFC 3550 §11), starting after the last pair used so
 * that a port just released is not reused at once.
 */
public final class NettyMediaFactory implements MediaFactory {
    private final EventLoopGroup group;
    private final String bindAddress;
    private final int portMin;
    private final int portMax;
    private final MediaClock clock;
    private final Duration rtcpInterval;
    private final RandomGenerator random;
    private final AtomicInteger next;

    /** A factory whose sessions report over RTCP on the RFC 3550 interval (5 s minimum). */
    public NettyMediaFactory(EventLoopGroup group, String bindAddress, int portMin, int portMax, MediaClock clock) {
        this(group, bindAddress, portMin, portMax, clock, RtcpInterval.DEFAULT_MINIMUM, new SecureRandom());
    }

    /**
     * @param rtcpInterval the minimum RTCP report interval Td (RFC 3550 §6.2: 5 s; shorter only in tests)
     * @param random       for SSRCs, initial sequence numbers and timestamps, and CNAMEs; used under its lock
     */
    public NettyMediaFactory(EventLoopGroup group, String bindAddress, int portMin, int portMax, MediaClock clock,
                             Duration rtcpInterval, RandomGenerator random) {
        this.group = Objects.requireNonNull(group, "group");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rtcpInterval = Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        this.random = Objects.requireNonNull(random, "random");
        if (rtcpInterval.isNegative() || rtcpInterval.isZero()) {
            throw new IllegalArgumentException("invalid RTCP interval: " + rtcpInterval + " (expected above 0)");
        }
        if (portMin < 1024 || portMax > 65534 || portMin > portMax) {
            throw new IllegalArgumentException("invalid RTP port range: " + portMin + "-" + portMax
                    + " (expected 1024 <= min <= max <= 65534)");
        }
        this.portMin = portMin + (portMin % 2);
        this.portMax = portMax;
        if (this.portMin > portMax) {
            throw new IllegalArgumentException("invalid RTP port range: " + portMin + "-" + portMax
                    + " (expected at least one even port)");
        }
        this.next = new AtomicInteger(this.portMin);
    }

    @Override
    public CompletionStage<MediaChannel> open() {
        CompletableFuture<MediaChannel> result = new CompletableFuture<>();
        int slots = (portMax - portMin) / 2 + 1;
        tryBind(result, slots);
        return result;
    }

    private void tryBind(CompletableFuture<MediaChannel> result, int attemptsLeft) {
        if (attemptsLeft == 0) {
            result.completeExceptionally(new IllegalStateException(
                    "no free RTP/RTCP port pair in " + portMin + "-" + (portMax + 1)));
            return;
        }
        int port = nextPort();
        RtpMediaChannel.Handler rtpHandler = new RtpMediaChannel.Handler("RTP");
        RtpMediaChannel.Handler rtcpHandler = new RtpMediaChannel.Handler("RTCP");
        bind(rtpHandler, port).addListener(rtp -> {
            if (!rtp.isSuccess()) {
                tryBind(result, attemptsLeft - 1);
                return;
            }
            Channel rtpChannel = ((ChannelFuture) rtp).channel();
            bind(rtcpHandler, port + 1).addListener(rtcp -> {
                if (!rtcp.isSuccess()) {
                    rtpChannel.close();
                    tryBind(result, attemptsLeft - 1);
                    return;
                }
                result.complete(new RtpMediaChannel(rtpChannel, rtpHandler, ((ChannelFuture) rtcp).channel(),
                        rtcpHandler, clock, rtcpInterval, random));
            });
        });
    }

    private ChannelFuture bind(RtpMediaChannel.Handler handler, int port) {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(handler)
                .bind(bindAddress, port);
    }

    private int nextPort() {
        return next.getAndUpdate(p -> p + 2 > portMax ? portMin : p + 2);
    }
}
