package dev.candor.telephony.sip.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipDecoderConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The decision every transport takes for one framed message, in virtual time. */
class SipIngressTest {
    private static final InetSocketAddress SCANNER = new InetSocketAddress("198.51.100.66", 5060);
    private static final InetSocketAddress TRUNK = new InetSocketAddress("203.0.113.5", 5060);

    private final MutableClock clock = new MutableClock();
    private final SipIngress ingress = new SipIngress(SipDecoderConfig.defaults(), new SourceRateLimiter(
            new FloodLimits(20, 40, 100, Duration.ofSeconds(60), 100, TrustedAddresses.of(List.of("203.0.113.5"))),
            clock));

    @Test
    void aRequestOverTheLimitGets503WithRetryAfter() {
        for (int i = 0; i < 40; i++) {
            assertThat(accept(options(i), SCANNER)).isInstanceOf(SipIngress.Outcome.Deliver.class);
        }
        SipIngress.Outcome outcome = accept(options(40), SCANNER);

        assertThat(outcome).isInstanceOfSatisfying(SipIngress.Outcome.Reply.class, reply -> {
            assertThat(reply.reason()).isEqualTo(SipIngress.Reason.RATE_LIMITED);
            assertThat(reply.response().statusCode()).isEqualTo(503);
            assertThat(reply.response().headers().first("Retry-After")).contains("2");
            assertThat(reply.response().topVia().branch()).contains("z9hG4bK-40");
        });
        assertThat(ingress.answeredRateLimited()).isEqualTo(1);
    }

    @Test
    void anAckOrResponseOverTheLimitIsDroppedNotAnswered() {
        for (int i = 0; i < 40; i++) {
            accept(options(i), SCANNER);
        }
        String ack = options(41).replace("OPTIONS", "ACK");
        assertThat(accept(ack, SCANNER)).isInstanceOf(SipIngress.Outcome.Drop.class);
    }

    @Test
    void aBannedSourceIsDroppedUnreadUntilTheBanEnds() {
        for (int i = 0; i < 140; i++) {
            accept(options(i), SCANNER);
        }
        assertThat(accept(options(200), SCANNER)).isEqualTo(
                new SipIngress.Outcome.Drop(SipIngress.Reason.BANNED, "source banned"));
        assertThat(accept("garbage that would be parsed otherwise", SCANNER))
                .isInstanceOfSatisfying(SipIngress.Outcome.Drop.class,
                        d -> assertThat(d.reason()).isEqualTo(SipIngress.Reason.BANNED));

        clock.advance(Duration.ofSeconds(60));
        assertThat(accept(options(201), SCANNER)).isInstanceOf(SipIngress.Outcome.Deliver.class);
    }

    @Test
    void aTrustedTrunkIsDeliveredWhateverItsRate() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(accept(options(i), TRUNK)).isInstanceOf(SipIngress.Outcome.Deliver.class);
        }
    }

    @Test
    void malformedRequestsStillGet400AndJunkIsDropped() {
        assertThat(accept(options(1).replace("Max-Forwards: 70", "Max-Forwards: x"), SCANNER))
                .isInstanceOfSatisfying(SipIngress.Outcome.Reply.class,
                        r -> assertThat(r.response().statusCode()).isEqualTo(400));
        assertThat(accept("\u0080\u0001junk", SCANNER)).isInstanceOf(SipIngress.Outcome.Drop.class);
        assertThat(ingress.answeredBadRequests()).isEqualTo(1);
        assertThat(ingress.dropped()).isEqualTo(1);
    }

    private SipIngress.Outcome accept(String text, InetSocketAddress source) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return ingress.accept(bytes, 0, bytes.length, source);
    }

    static String options(int n) {
        return "OPTIONS sip:candor@192.0.2.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 198.51.100.66:5060;branch=z9hG4bK-" + n + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:scan@198.51.100.66>;tag=s" + n + "\n"
                + "To: <sip:candor@192.0.2.1>\n"
                + "Call-ID: scan-" + n + "\n"
                + "CSeq: 1 OPTIONS\n"
                + "Content-Length: 0\n\n";
    }
}
