package dev.candor.telephony.sip.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** RFC 3261 §18.3 framing on a stream, driven through {@link EmbeddedChannel} with byte arrays. */
class StreamSipDecoderTest {
    private static final String BODY = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";
    private static final String OPTIONS = "OPTIONS sip:candor@192.0.2.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.10:5062;branch=z9hG4bK-1\r\n"
            + "From: <sip:alice@192.0.2.10>;tag=a\r\nTo: <sip:candor@192.0.2.1>\r\n"
            + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
    private static final String COMPACT = "OPTIONS sip:candor@192.0.2.1 SIP/2.0\r\n"
            + "v: SIP/2.0/TCP 192.0.2.10:5062;branch=z9hG4bK-2\r\n"
            + "f: <sip:alice@192.0.2.10>;tag=a\r\nt: <sip:candor@192.0.2.1>\r\n"
            + "i: c2\r\nCSeq: 2 OPTIONS\r\nl: 0\r\n\r\n";

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new StreamSipDecoder(max));
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    @Test
    void aMessageSplitAtEveryFragmentSizeComesOutWhole() {
        byte[] bytes = OPTIONS.getBytes(StandardCharsets.US_ASCII);
        for (int size = 1; size <= bytes.length; size++) {
            EmbeddedChannel ch = channel(4096);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < bytes.length; i += size) {
                ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size))));
                out.addAll(drain(ch));
            }
            assertThat(out).as("fragment size %d", size).hasSize(1);
            assertThat((byte[]) out.get(0)).as("fragment size %d", size).isEqualTo(bytes);
            assertThat(ch.isOpen()).isTrue();
        }
    }

    @Test
    void messagesDrippedOneByteAtATimeComeOutWholeAndInOrder() {
        byte[] bytes = (OPTIONS + "\r\n" + COMPACT + OPTIONS).getBytes(StandardCharsets.US_ASCII);
        EmbeddedChannel ch = channel(4096);
        List<Object> out = new ArrayList<>();
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            out.addAll(drain(ch));
        }
        assertThat(out).extracting(o -> new String((byte[]) o, StandardCharsets.US_ASCII))
                .containsExactly(OPTIONS, COMPACT, OPTIONS);
    }

    @Test
    void severalMessagesInOneReadComeOutOneByOne() {
        EmbeddedChannel ch = channel(4096);
        ch.writeInbound(Unpooled.copiedBuffer(OPTIONS + COMPACT + "\r\n" + OPTIONS, StandardCharsets.US_ASCII));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(3);
        assertThat(new String((byte[]) out.get(0), StandardCharsets.US_ASCII)).isEqualTo(OPTIONS);
        assertThat(new String((byte[]) out.get(1), StandardCharsets.US_ASCII)).isEqualTo(COMPACT);
        assertThat(new String((byte[]) out.get(2), StandardCharsets.US_ASCII)).isEqualTo(OPTIONS);
    }

    @Test
    void aMissingContentLengthMakesTheStreamUnframeable() {
        EmbeddedChannel ch = channel(4096);
        String noLength = OPTIONS.replace("Content-Length: " + BODY.length() + "\r\n", "");
        ch.writeInbound(Unpooled.copiedBuffer(noLength + OPTIONS, StandardCharsets.US_ASCII));
        List<Object> out = drain(ch);
        assertThat(out).singleElement().isInstanceOf(StreamSipDecoder.FramingError.class);
        assertThat(((StreamSipDecoder.FramingError) out.get(0)).reason()).contains("no Content-Length");
        ch.writeInbound(Unpooled.copiedBuffer(OPTIONS, StandardCharsets.US_ASCII));
        assertThat(drain(ch)).as("nothing after a framing error").isEmpty();
    }

    @Test
    void negativeOrConflictingContentLengthIsAFramingError() {
        for (String bad : List.of("Content-Length: -1", "Content-Length: 12\r\nl: 13", "Content-Length: abc",
                "Content-Length: 99999999999")) {
            EmbeddedChannel ch = channel(4096);
            ch.writeInbound(Unpooled.copiedBuffer(
                    OPTIONS.replace("Content-Length: " + BODY.length(), bad), StandardCharsets.US_ASCII));
            assertThat(drain(ch)).as(bad).singleElement().isInstanceOf(StreamSipDecoder.FramingError.class);
        }
    }

    @Test
    void aContentLengthLargerThanTheBodyWaitsForMoreBytes() {
        EmbeddedChannel ch = channel(4096);
        ch.writeInbound(Unpooled.copiedBuffer(
                OPTIONS.replace("Content-Length: " + BODY.length(), "Content-Length: 500"), StandardCharsets.US_ASCII));
        assertThat(drain(ch)).isEmpty();
    }

    @Test
    void aMessageLargerThanTheLimitIsAFramingError() {
        byte[] bytes = OPTIONS.getBytes(StandardCharsets.US_ASCII);
        EmbeddedChannel ch = channel(bytes.length - 1);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertThat(drain(ch)).singleElement().isInstanceOf(StreamSipDecoder.FramingError.class);

        EmbeddedChannel endless = channel(256);
        endless.writeInbound(Unpooled.copiedBuffer("OPTIONS sip:x SIP/2.0\r\n" + "X: y\r\n".repeat(60),
                StandardCharsets.US_ASCII));
        assertThat(drain(endless)).as("headers that never end").singleElement()
                .isInstanceOf(StreamSipDecoder.FramingError.class);

        EmbeddedChannel exact = channel(bytes.length);
        exact.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertThat(drain(exact)).singleElement().isInstanceOf(byte[].class);
    }

    @Test
    void aDoubleCrlfPingGetsACrlfPong() {
        EmbeddedChannel ch = channel(4096);
        ch.writeInbound(Unpooled.copiedBuffer("\r\n\r\n", StandardCharsets.US_ASCII));
        ByteBuf pong = ch.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        pong.release();
        assertThat(drain(ch)).isEmpty();
    }
}
