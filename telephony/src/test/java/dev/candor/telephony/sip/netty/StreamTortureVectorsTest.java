package dev.candor.telephony.sip.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * RFC 4475 in stream mode (TCP): the torture vectors go through {@link StreamSipDecoder} as one
 * connection would carry them. Over a stream a wrong Content-Length leaves no way to find the next
 * message: a negative one ({@code ncl}) or two that disagree ({@code mcl01}) end the stream at once; one
 * larger than the body ({@code clerr}) yields nothing and waits, for the idle timeout to close. The
 * folder comes from {@code candor.sipVectors}, as for {@code SipTortureVectorsTest}; skipped without it.
 */
class StreamTortureVectorsTest {

    private static Path vectors() {
        String dir = System.getProperty("candor.sipVectors", System.getenv("CANDOR_SIP_VECTORS"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "rfc4475")),
                "SIP torture vectors not found: set -Dcandor.sipVectors to the sip-vectors folder (was " + dir + ")");
        return Path.of(dir, "rfc4475");
    }

    private static List<Object> decode(byte[] bytes) {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamSipDecoder(SipDecoderConfig.defaults().maxMessageBytes()));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> wrongContentLengthOverTcpEndsOrStallsTheStream() {
        Path dir = vectors();
        return Stream.of(
                DynamicTest.dynamicTest("ncl (§3.1.2.3): negative Content-Length closes", () ->
                        assertThat(decode(Files.readAllBytes(dir.resolve("ncl.dat"))))
                                .singleElement().isInstanceOf(StreamSipDecoder.FramingError.class)),
                DynamicTest.dynamicTest("mcl01 (§3.3.9): conflicting Content-Length closes", () ->
                        assertThat(decode(Files.readAllBytes(dir.resolve("mcl01.dat"))))
                                .singleElement().isInstanceOf(StreamSipDecoder.FramingError.class)),
                DynamicTest.dynamicTest("clerr (§3.1.2.2): Content-Length beyond the body waits", () ->
                        assertThat(decode(Files.readAllBytes(dir.resolve("clerr.dat")))).isEmpty()));
    }

    /** Every valid vector that carries a Content-Length frames as one message that parses. */
    @TestFactory
    Stream<DynamicTest> validVectorsFrameOverTcp() throws IOException {
        Path dir = vectors();
        List<DynamicTest> tests = new ArrayList<>();
        for (String row : Files.readAllLines(dir.resolve("MANIFEST.tsv")).subList(1, 50)) {
            String[] f = row.split("\t");
            if (!f[2].equals("valid")) {
                continue;
            }
            String name = f[1];
            byte[] bytes = Files.readAllBytes(dir.resolve(name + ".dat"));
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<Object> out = decode(bytes);
                assertThat(out).as(name).isNotEmpty();
                assertThat(out.get(0)).as(name).isInstanceOf(byte[].class);
                byte[] frame = (byte[]) out.get(0);
                assertThat(SipParser.parse(frame, 0, frame.length, SipDecoderConfig.defaults()))
                        .as(name).isInstanceOf(SipParseResult.Parsed.class);
            }));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }
}
