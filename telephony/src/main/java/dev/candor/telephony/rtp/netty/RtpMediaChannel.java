package dev.candor.telephony.rtp.netty;

import dev.candor.telephony.media.DtmfReceiver;
import dev.candor.telephony.media.G711;
import dev.candor.telephony.media.MediaClock;
import dev.candor.telephony.media.Registration;
import dev.candor.telephony.rtp.RtpDecodeResult;
import dev.candor.telephony.rtp.RtpPacket;
import dev.candor.telephony.rtp.RtpSequencer;
import dev.candor.telephony.rtp.TelephoneEvent;
import dev.candor.telephony.sdp.AudioCodec;
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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One leg's RTP: sends a G.711 packet on every media clock tick (silence when there is nothing to
 * play, so NATs and the far end keep seeing a stream) and decodes what arrives.
 */
final class RtpMediaChannel implements MediaChannel {
    private static final Logger log = LoggerFactory.getLogger(RtpMediaChannel.class);
    static final int FRAME_SAMPLES = 160;

    private final Channel channel;
    private final Handler handler;
    private final MediaClock clock;
    private final AtomicLong packetsSent = new AtomicLong();
    private volatile Registration registration;
    private volatile Stream stream;

    RtpMediaChannel(Channel channel, Handler handler, MediaClock clock) {
        this.channel = channel;
        this.handler = handler;
        this.clock = clock;
    }

    @Override
    public int localPort() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public synchronized void start(MediaParameters parameters, FrameSource source, MediaEvents events) {
        if (stream != null) {
            return;
        }
        G711.Law law = parameters.codec() == AudioCodec.PCMA ? G711.Law.A_LAW : G711.Law.MU_LAW;
        InetSocketAddress remote = new InetSocketAddress(parameters.remoteAddress(), parameters.remotePort());
        Stream s = new Stream(parameters, law, remote, source, events,
                RtpSequencer.random(ThreadLocalRandom.current()));
        this.stream = s;
        handler.stream = s;
        this.registration = clock.register(tick -> s.tick(channel, packetsSent));
    }

    @Override
    public void close() {
        Registration r = registration;
        if (r != null) {
            r.close();
        }
        handler.stream = null;
        channel.close();
    }

    /** The per-stream state: encoder side ticked by the clock, decoder side fed by the channel. */
    static final class Stream {
        private final MediaParameters parameters;
        private final G711.Law law;
        private final InetSocketAddress remote;
        private final FrameSource source;
        private final MediaEvents events;
        private final RtpSequencer sequencer;
        private final DtmfReceiver dtmf = new DtmfReceiver();
        private final byte[] silence;
        private boolean talking;
        private boolean first = true;

        Stream(MediaParameters parameters, G711.Law law, InetSocketAddress remote, FrameSource source,
               MediaEvents events, RtpSequencer sequencer) {
            this.parameters = parameters;
            this.law = law;
            this.remote = remote;
            this.source = source;
            this.events = events;
            this.sequencer = sequencer;
            this.silence = new byte[FRAME_SAMPLES];
            java.util.Arrays.fill(silence, law.silence());
        }

        /** Media clock thread. */
        void tick(Channel channel, AtomicLong sent) {
            short[] frame = source.nextFrame();
            byte[] payload = frame == null ? silence : law.encode(frame);
            boolean marker = first || (frame != null && !talking);
            talking = frame != null;
            first = false;
            RtpPacket packet = sequencer.next(parameters.codecPayloadType(), marker, payload, FRAME_SAMPLES);
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet.toBytes()), remote));
            sent.incrementAndGet();
        }

        /** Event loop thread. */
        void receive(byte[] data) {
            if (RtpPacket.looksLikeRtcp(data, 0, data.length)) {
                return;
            }
            RtpDecodeResult result = RtpPacket.decode(data, 0, data.length);
            if (!(result instanceof RtpDecodeResult.Ok ok)) {
                return;
            }
            RtpPacket packet = ok.packet();
            int pt = packet.payloadType();
            if (pt == parameters.telephoneEventPayloadType()) {
                byte[] payload = packet.payload();
                Optional<TelephoneEvent> event = TelephoneEvent.decode(payload, 0, payload.length);
                event.flatMap(e -> dtmf.onPacket(packet.timestamp(), e)).ifPresent(events::onDtmf);
            } else if (pt == parameters.codecPayloadType()) {
                byte[] payload = packet.payload();
                events.onAudio(law.decode(payload, 0, payload.length));
            }
        }
    }

    static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        volatile Stream stream;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            Stream s = stream;
            if (s == null) {
                return;
            }
            ByteBuf content = packet.content();
            s.receive(ByteBufUtil.getBytes(content));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.error("unexpected error on an RTP channel", cause);
        }
    }
}
