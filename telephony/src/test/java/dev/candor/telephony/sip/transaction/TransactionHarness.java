package dev.candor.telephony.sip.transaction;

import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.ua.VirtualScheduler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction layer in virtual time: every timer runs on the user agent tests' {@link VirtualScheduler},
 * every message sent is recorded with its virtual send time. Candor is 192.0.2.1:5060, the peer Bob
 * 192.0.2.20:5060.
 */
final class TransactionHarness {
    static final InetSocketAddress BOB = new InetSocketAddress("192.0.2.20", 5060);

    record Sent(SipMessage message, InetSocketAddress destination, Duration at) {
        SipRequest request() {
            return (SipRequest) message;
        }

        SipResponse response() {
            return (SipResponse) message;
        }
    }

    /** A client TU that writes down what it hears. */
    final class RecordingUser implements ClientTransactionUser {
        final List<SipResponse> responses = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void onResponse(SipResponse response) {
            responses.add(response);
            events.add(scheduler.now().toMillis() + "ms " + response.statusCode());
        }

        @Override
        public void onTimeout(TransactionTimer timer) {
            events.add(scheduler.now().toMillis() + "ms timeout " + timer);
        }
    }

    final VirtualScheduler scheduler = new VirtualScheduler();
    final List<Sent> sent = new ArrayList<>();
    final TransactionLayer layer;

    TransactionHarness() {
        this(TimerSettings.defaults());
    }

    TransactionHarness(TimerSettings settings) {
        layer = new TransactionLayer((task, delay) -> scheduler.schedule(task, delay)::cancel,
                (message, destination) -> sent.add(new Sent(message, destination, scheduler.now())), settings);
    }

    void advanceMillis(long millis) {
        scheduler.advance(Duration.ofMillis(millis));
    }

    /** Virtual send times, in milliseconds, of every message whose start line starts with {@code prefix}. */
    List<Long> sendTimes(String prefix) {
        return sent.stream().filter(s -> s.message().startLine().startsWith(prefix))
                .map(s -> s.at().toMillis()).toList();
    }

    List<Sent> sentStarting(String prefix) {
        return sent.stream().filter(s -> s.message().startLine().startsWith(prefix)).toList();
    }

    /** A request as Candor would send it (transport {@code transport} in its Via). */
    static SipRequest request(String method, String transport, String branch) {
        return (SipRequest) parse(method + " sip:bob@192.0.2.20:5060 SIP/2.0\n"
                + "Via: SIP/2.0/" + transport + " 192.0.2.1:5060;branch=" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "Route: <sip:proxy-1.example.net;lr>\n"
                + "Route: <sip:proxy-2.example.net;lr>\n"
                + "From: <sip:candor@192.0.2.1>;tag=cand-tag\n"
                + "To: <sip:bob@192.0.2.20>\n"
                + "Call-ID: txn-1@192.0.2.1\n"
                + "CSeq: 1 " + method + "\n"
                + "Contact: <sip:candor@192.0.2.1:5060>\n");
    }

    /** A request from Bob to Candor, as the UAS core receives it. */
    static SipRequest incoming(String method, String transport, String branch, long cseq, String toTag) {
        return (SipRequest) parse(method + " sip:candor@192.0.2.1:5060 SIP/2.0\n"
                + "Via: SIP/2.0/" + transport + " 192.0.2.20:5060;branch=" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:bob@example.org>;tag=bob-tag\n"
                + "To: <sip:candor@192.0.2.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: in-1@192.0.2.20\n"
                + "CSeq: " + cseq + " " + method + "\n");
    }

    /** Bob's response to {@code request}, with {@code toTag} added to To when given. */
    static SipResponse response(SipRequest request, int status, String toTag) {
        SipResponse response = SipResponse.to(request, status);
        return toTag == null ? response : response.withToTag(toTag);
    }

    /** Parses a message as the UDP channel would; the text uses LF line ends and no body. */
    static SipMessage parse(String text) {
        String wire = (text.strip() + "\nContent-Length: 0\n\n").replace("\n", "\r\n");
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
        if (result instanceof SipParseResult.Parsed parsed) {
            return parsed.message();
        }
        throw new AssertionError("test message does not parse: " + result + "\n" + wire);
    }
}
