package dev.candor.telephony.sip.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipUri;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 §18.1.1: "If a request is within 200 bytes of the path MTU, or if it is larger than 1300
 * bytes and the path MTU is unknown, the request MUST be sent using an RFC 2914 congestion controlled
 * transport protocol, such as TCP."
 */
class TransportSelectorTest {
    private static final int LIMIT = TransportSelector.UDP_REQUEST_LIMIT_BYTES;

    /** An INVITE to {@code target} whose serialised size is exactly {@code bytes}. */
    private static SipRequest inviteOfSize(String target, int bytes, String... extraHeaders) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, SipUri.of(target))
                .header("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-size")
                .header("Max-Forwards", "70")
                .header("From", "<sip:candor@192.0.2.1>;tag=1")
                .header("To", "<" + target + ">")
                .header("Call-ID", "size@192.0.2.1")
                .header("CSeq", "1 INVITE");
        for (int i = 0; i < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        int without = b.body("application/sdp", new byte[0]).build().toBytes().length;
        // The body's own digits grow Content-Length's value; find the body that lands exactly on size.
        for (int body = Math.max(0, bytes - without - 4); body <= bytes - without; body++) {
            SipRequest r = b.body("application/sdp", "x".repeat(body).getBytes(StandardCharsets.US_ASCII)).build();
            if (r.toBytes().length == bytes) {
                return r;
            }
        }
        throw new IllegalStateException("cannot build an INVITE of " + bytes + " bytes");
    }

    @Test
    void aRequestOf1300BytesStaysOnUdp() {
        SipRequest request = inviteOfSize("sip:bob@192.0.2.9", LIMIT);

        assertThat(TransportSelector.tooLargeForUdp(request, request.requestUri(), LIMIT)).isFalse();
    }

    @Test
    void aRequestOf1301BytesMustGoOverTcp() {
        SipRequest request = inviteOfSize("sip:bob@192.0.2.9", LIMIT + 1);

        assertThat(TransportSelector.tooLargeForUdp(request, request.requestUri(), LIMIT)).isTrue();
    }

    @Test
    void aNextHopThatSaysTransportUdpKeepsEvenALargeRequestOnUdp() {
        SipRequest request = inviteOfSize("sip:bob@192.0.2.9;transport=UDP", 2000);

        assertThat(TransportSelector.tooLargeForUdp(request, request.requestUri(), LIMIT)).isFalse();
    }

    @Test
    void theFirstRouteIsTheNextHopThatDecides() {
        SipRequest request = inviteOfSize("sip:bob@192.0.2.9", 2000, "Route", "<sip:proxy.example.com;lr>");

        assertThat(TransportSelector.tooLargeForUdp(request, SipUri.of("sip:proxy.example.com;lr"), LIMIT)).isTrue();
        assertThat(TransportSelector.tooLargeForUdp(request, SipUri.of("sip:proxy.example.com;lr;transport=udp"),
                LIMIT)).isFalse();
    }

    @Test
    void aRequestThatNeedsTlsIsNeverSentInClearWhenThereIsNoTlsChannel() {
        List<SipMessage> overUdp = new ArrayList<>();
        TransportSelector selector = new TransportSelector((m, to) -> overUdp.add(m), null, null,
                SipUri.of("sip:candor@192.0.2.1:5060"));
        InetSocketAddress trunk = new InetSocketAddress("192.0.2.9", 5061);

        selector.send(inviteOfSize("sips:bob@192.0.2.9", 600), trunk);
        selector.send(inviteOfSize("sip:bob@192.0.2.9;transport=tls", 600), trunk);
        selector.send(inviteOfSize("sip:bob@192.0.2.9", 600), new InetSocketAddress("192.0.2.9", 5060));

        assertThat(overUdp).hasSize(1).allSatisfy(m -> assertThat(((SipRequest) m).requestUri().scheme()).isEqualTo("sip"));
        assertThat(selector.notSentWithoutTls()).isEqualTo(2);
    }

    @Test
    void aLowerConfiguredLimitSwitchesSmallerRequests() {
        SipRequest request = inviteOfSize("sip:bob@192.0.2.9", 900);

        assertThat(TransportSelector.tooLargeForUdp(request, request.requestUri(), 800)).isTrue();
        assertThat(TransportSelector.tooLargeForUdp(request, request.requestUri(), LIMIT)).isFalse();
    }
}
