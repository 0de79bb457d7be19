package dev.candor.telephony.rtp.netty;

import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.sip.ua.MediaChannel;
import dev.candor.telephony.sip.ua.MediaFactory;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds RTP ports asynchronously: even ports from {@code portMin} to {@code portMax}, starting after
 * the last one used so that a port just released is not reused at once.
 */
public final class NettyMediaFactory implements MediaFactory {
    private final EventLoopGroup group;
    private final String bindAddress;
    private final int portMin;
    private final int portMax;
    private final MediaClock clock;
    private final AtomicInteger next;

    public NettyMediaFactory(EventLoopGroup group, String bindAddress, int portMin, int portMax, MediaClock clock) {
        this.group = Objects.requireNonNull(group, "group");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (portMin < 1024 || portMax > 65534 || portMin > portMax) {
            throw new IllegalArgumentException("invalid RTP port range: " + portMin + "-" + portMax
                    + " (expected 1024 <= min <= max <= 65534)");
        }
        this.portMin = portMin + (portMin % 2);
        this.portMax = portMax;
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
                    "no free RTP port in " + portMin + "-" + portMax));
            return;
        }
        int port = nextPort();
        RtpMediaChannel.Handler handler = new RtpMediaChannel.Handler();
        new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(handler)
                .bind(bindAddress, port)
                .addListener(f -> {
                    if (f.isSuccess()) {
                        var future = (io.netty.channel.ChannelFuture) f;
                        result.complete(new RtpMediaChannel(future.channel(), handler, clock));
                    } else {
                        tryBind(result, attemptsLeft - 1);
                    }
                });
    }

    private int nextPort() {
        return next.getAndUpdate(p -> p + 2 > portMax ? portMin : p + 2);
    }
}
