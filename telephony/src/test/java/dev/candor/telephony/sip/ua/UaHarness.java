package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A user agent wired to fakes: virtual time, a recording transport, instant media, callbacks run on
 * the calling thread. Candor is 192.0.2.1:5060; the far end is Alice at 192.0.2.10:5062.
 */
final class UaHarness {
    static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.10", 5062);
    static final UserAgentSettings SETTINGS = UserAgentSettings.defaults("192.0.2.1", 5060);

    /** Alice's offer: PCMU, PCMA and telephone-event. */
    static final String OFFER_PCMU_PCMA = sdp("0 8 101", "a=rtpmap:0 PCMU/8000\na=rtpmap:8 PCMA/8000\n"
            + "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\n");
    static final String OFFER_PCMA_PCMU = sdp("8 0 101", "a=rtpmap:8 PCMA/8000\na=rtpmap:0 PCMU/8000\n"
            + "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\n");
    static final String OFFER_G729_ONLY = sdp("18", "a=rtpmap:18 G729/8000\n");

    final VirtualScheduler scheduler = new VirtualScheduler();
    final FakeTransport transport = new FakeTransport(scheduler::now);
    final FakeMediaFactory media = new FakeMediaFactory();
    final SipUserAgent ua = new SipUserAgent(transport, scheduler, SETTINGS, media, Runnable::run, new Random(7));
    final List<CallLeg> incoming = new ArrayList<>();
    final RecordingListener listener = new RecordingListener();

    UaHarness() {
        ua.setIncomingCallHandler(leg -> {
            incoming.add(leg);
            return listener;
        });
    }

    /** Delivers {@code text} (LF line ends, Content-Length added) from Alice's address, on the SIP thread. */
    void receive(String text) {
        receive(text, ALICE);
    }

    void receive(String text, InetSocketAddress source) {
        SipMessage message = parse(text);
        scheduler.execute(() -> ua.receive(message, source));
    }

    CallLeg onlyIncomingLeg() {
        if (incoming.size() != 1) {
            throw new AssertionError("expected one incoming call, got " + incoming.size());
        }
        return incoming.get(0);
    }

    /** Parses a message as the UDP channel would; the test text uses LF and no Content-Length. */
    static SipMessage parse(String text) {
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        String wire = (head.strip() + "\nContent-Length: " + body.replace("\n", "\r\n").length() + "\n\n")
                .replace("\n", "\r\n") + body.replace("\n", "\r\n");
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
        if (result instanceof SipParseResult.Parsed parsed) {
            return parsed.message();
        }
        throw new AssertionError("test message does not parse: " + result + "\n" + wire);
    }

    static String sdp(String formats, String attributes) {
        return "v=0\n"
                + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\n"
                + "s=-\n"
                + "c=IN IP4 192.0.2.10\n"
                + "t=0 0\n"
                + "m=audio 49170 RTP/AVP " + formats + "\n"
                + attributes
                + "a=ptime:20\n";
    }

    /** Alice's INVITE (CSeq 1) in transaction {@code branch} of dialog {@code callId}. */
    static String invite(String callId, String branch, String sdp) {
        String head = "INVITE sip:sales@192.0.2.1:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: \"Alice\" <sip:alice@example.org>;tag=alice-tag\n"
                + "To: <sip:sales@192.0.2.1>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:alice@192.0.2.10:5062>\n";
        return sdp == null ? head : head + "Content-Type: application/sdp\n\n" + sdp;
    }

    /** The CANCEL of Alice's INVITE: same branch, same CSeq number (RFC 3261 §9.1). */
    static String cancel(String callId, String branch) {
        return "CANCEL sip:sales@192.0.2.1:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: \"Alice\" <sip:alice@example.org>;tag=alice-tag\n"
                + "To: <sip:sales@192.0.2.1>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 CANCEL\n";
    }

    /** An in-dialog request from Alice with Candor's {@code toTag}. */
    static String inDialog(String method, long cseq, String callId, String branch, String toTag) {
        return method + " sip:candor@192.0.2.1:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: \"Alice\" <sip:alice@example.org>;tag=alice-tag\n"
                + "To: <sip:sales@192.0.2.1>;tag=" + toTag + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + method + "\n";
    }

    /** The ACK for a non-2xx final response: the INVITE's branch, CSeq 1 ACK, the response's To tag. */
    static String ackInTransaction(String callId, String branch, String toTag) {
        return inDialog("ACK", 1, callId, branch, toTag);
    }
}
