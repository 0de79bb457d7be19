package dev.candor.telephony.sip.ua;

import dev.candor.telephony.sip.message.SipDecoderConfig;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipParseResult;
import dev.candor.telephony.sip.message.SipParser;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Records every message the user agent sends, where to and at what virtual time. */
final class FakeTransport implements SipTransport {
    record Sent(SipMessage message, InetSocketAddress destination, Duration at) {
        SipResponse response() {
            return (SipResponse) message;
        }

        SipRequest request() {
            return (SipRequest) message;
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Supplier<Duration> clock;
    private String requestTransport = "UDP";

    FakeTransport(Supplier<Duration> clock) {
        this.clock = clock;
    }

    @Override
    public void send(SipMessage message, InetSocketAddress destination) {
        // Through bytes, as on the wire: what the tests assert on is what a peer would parse.
        byte[] bytes = message.toBytes();
        SipParseResult result = SipParser.parse(bytes, 0, bytes.length, SipDecoderConfig.defaults());
        if (!(result instanceof SipParseResult.Parsed parsed)) {
            throw new AssertionError("the user agent sent an unparseable message: " + result + "\n"
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        sent.add(new Sent(parsed.message(), destination, clock.get()));
    }

    /** From now on, requests go over {@code token} (UDP, TCP, TLS), as a real transport would decide. */
    void sendRequestsOver(String token) {
        requestTransport = token;
    }

    @Override
    public String transportFor(SipRequest request, InetSocketAddress destination) {
        return requestTransport;
    }

    List<Sent> all() {
        return List.copyOf(sent);
    }

    void clear() {
        sent.clear();
    }

    List<Sent> responses(int status) {
        return sent.stream()
                .filter(s -> s.message() instanceof SipResponse r && r.statusCode() == status)
                .toList();
    }

    List<Sent> requests(SipMethod method) {
        return sent.stream()
                .filter(s -> s.message() instanceof SipRequest r && r.method().equals(method))
                .toList();
    }

    SipResponse lastResponse(int status) {
        List<Sent> matching = responses(status);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + status + " response was sent; sent: " + describe());
        }
        return matching.get(matching.size() - 1).response();
    }

    SipRequest lastRequest(SipMethod method) {
        List<Sent> matching = requests(method);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + method + " request was sent; sent: " + describe());
        }
        return matching.get(matching.size() - 1).request();
    }

    String describe() {
        return sent.stream().map(s -> s.at().toMillis() + "ms " + s.message().startLine()).toList().toString();
    }
}
