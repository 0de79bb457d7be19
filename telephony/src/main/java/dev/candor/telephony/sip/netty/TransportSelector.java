package dev.candor.telephony.sip.netty;

import dev.candor.telephony.sip.message.NameAddr;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.message.Via;
import dev.candor.telephony.sip.ua.SipTransport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user agent's one transport: picks UDP, TCP or TLS for each message (RFC 3261 §18).
 *
 * <ul>
 *   <li>A response goes over the transport its request came on, named in the top Via; over a stream
 *       that is the request's own connection while it is open (§18.2.2).</li>
 *   <li>A request goes over TLS when the next hop (the first Route, else the Request-URI) is a
 *       {@code sips:} URI or says {@code transport=tls}, over TCP when it says {@code transport=tcp}
 *       or a connection to the destination is already open, else over UDP. The transport then writes
 *       its token and port into the top Via's sent-by (§18.1.1), so the user agent builds Via once.</li>
 *   <li>A request bound for UDP that is larger than {@value #UDP_REQUEST_LIMIT_BYTES} bytes (the path
 *       MTU being unknown) goes over TCP instead, with a TCP Via (§18.1.1), unless the next hop says
 *       {@code transport=udp}. Should the destination refuse the TCP connection (it does not speak
 *       TCP), the request goes over UDP after all, unchanged.</li>
 *   <li>Over TCP or TLS, Candor's own Contact gets {@code transport=tcp} or {@code transport=tls} (and
 *       the TLS port), so that the peer's requests in the dialog come back over the same transport
 *       rather than the UDP a bare {@code sip:} URI means (RFC 3263 §4.1).</li>
 *   <li>A request whose next hop needs TLS is never sent over anything else: without a TLS channel it
 *       is dropped, logged and counted, and its transaction times out.</li>
 * </ul>
 */
public final class TransportSelector implements SipTransport {
    private static final Logger log = LoggerFactory.getLogger(TransportSelector.class);
    /**
     * RFC 3261 §18.1.1: a request larger than 1300 bytes, when the path MTU is unknown, MUST go over a
     * congestion-controlled transport such as TCP.
     */
    public static final int UDP_REQUEST_LIMIT_BYTES = 1300;

    private final SipTransport udp;
    private final StreamSipChannel tcp;
    private final StreamSipChannel tls;
    private final SipUri ownContact;
    private final int udpRequestLimitBytes;
    private final AtomicLong notOverTls = new AtomicLong();

    /**
     * @param tcp the TCP channel, or {@code null} when TCP is off
     * @param tls the TLS channel (listening, or connect-only without a keystore), or {@code null} for none
     * @param ownContact the Contact URI the user agent puts in its messages
     */
    public TransportSelector(SipTransport udp, StreamSipChannel tcp, StreamSipChannel tls, SipUri ownContact) {
        this(udp, tcp, tls, ownContact, UDP_REQUEST_LIMIT_BYTES);
    }

    /** @param udpRequestLimitBytes larger requests bound for UDP go over TCP when TCP is on */
    public TransportSelector(SipTransport udp, StreamSipChannel tcp, StreamSipChannel tls, SipUri ownContact,
                             int udpRequestLimitBytes) {
        this.udp = Objects.requireNonNull(udp, "udp");
        this.tcp = tcp;
        this.tls = tls;
        this.ownContact = Objects.requireNonNull(ownContact, "ownContact");
        if (udpRequestLimitBytes < 200) {
            throw new IllegalArgumentException("invalid UDP request limit: " + udpRequestLimitBytes
                    + " bytes (expected >= 200)");
        }
        this.udpRequestLimitBytes = udpRequestLimitBytes;
    }

    @Override
    public void send(SipMessage message, InetSocketAddress destination) {
        if (message instanceof SipResponse response) {
            String transport = response.topVia().transport().toUpperCase(Locale.ROOT);
            StreamSipChannel stream = stream(transport);
            if (stream != null) {
                stream.send(withOwnContactOver(response, stream), destination);
            } else {
                udp.send(response, destination);
            }
            return;
        }
        SipRequest request = (SipRequest) message;
        String transport = transportFor(request, destination);
        StreamSipChannel stream = stream(transport);
        if (stream == null && transport.equals("TLS")) {
            // Never in clear what was meant for TLS: the request is not sent, its transaction times out.
            notOverTls.incrementAndGet();
            log.warn("not sending {} to {}: the next hop needs TLS and this endpoint has no TLS transport",
                    request.method().name(), destination);
            return;
        }
        if (stream == null && tcp != null && tooLargeForUdp(request, nextHop(request), udpRequestLimitBytes)) {
            // §18.1.1: too large for UDP; TCP with a TCP Via, or UDP as it was if TCP is refused.
            tcp.send(withOwnContactOver(withSentBy(request, tcp), tcp), destination,
                    () -> udp.send(request, destination));
        } else if (stream == null) {
            udp.send(request, destination);
        } else {
            stream.send(withOwnContactOver(withSentBy(request, stream), stream), destination);
        }
    }

    /** Requests not sent because their next hop needs TLS and there is no TLS channel. */
    public long notSentWithoutTls() {
        return notOverTls.get();
    }

    private StreamSipChannel stream(String transport) {
        return switch (transport) {
            case "TCP" -> tcp;
            case "TLS" -> tls;
            default -> null;
        };
    }

    /**
     * Whether {@code request}, bound for UDP, must go over TCP instead (§18.1.1): it is larger than
     * {@code limitBytes} and the next hop does not insist on UDP with {@code transport=udp}.
     */
    static boolean tooLargeForUdp(SipRequest request, SipUri nextHop, int limitBytes) {
        boolean udpRequired = nextHop.parameter("transport").map(t -> t.equalsIgnoreCase("udp")).orElse(false);
        return !udpRequired && request.toBytes().length > limitBytes;
    }

    private static SipUri nextHop(SipRequest request) {
        return firstRoute(request).orElse(request.requestUri());
    }

    /** The transport token for a request to {@code destination}: UDP, TCP or TLS. */
    @Override
    public String transportFor(SipRequest request, InetSocketAddress destination) {
        SipUri next = nextHop(request);
        String param = next.parameter("transport").map(t -> t.toUpperCase(Locale.ROOT)).orElse("");
        if (next.scheme().equalsIgnoreCase("sips") || param.equals("TLS")) {
            return "TLS";
        }
        if (param.equals("TCP")) {
            return "TCP";
        }
        if (param.isEmpty()) {
            if (tls != null && tls.hasConnection(destination)) {
                return "TLS";
            }
            if (tcp != null && tcp.hasConnection(destination)) {
                return "TCP";
            }
        }
        return "UDP";
    }

    private static Optional<SipUri> firstRoute(SipRequest request) {
        return request.headers().first("Route").flatMap(r -> NameAddr.parse(r).value()).map(NameAddr::uri);
    }

    /** Candor's own Contact, if the message carries it without a transport, names this stream's transport. */
    private <M extends SipMessage> M withOwnContactOver(M message, StreamSipChannel stream) {
        List<String> contacts = message.headers().all("Contact");
        if (contacts.size() != 1) {
            return message;
        }
        Optional<NameAddr> contact = NameAddr.parse(contacts.get(0)).value();
        if (contact.isEmpty() || contact.get().uri().parameter("transport").isPresent()
                || !contact.get().uri().withoutParameters().equals(ownContact.withoutParameters())) {
            return message;
        }
        SipUri uri = contact.get().uri();
        SipUri over = new SipUri(uri.scheme(), uri.user(), uri.host(), stream.localAddress().getPort(),
                uri.parameters(), uri.headers()).withParameter("transport", stream.transport().toLowerCase(Locale.ROOT));
        String value = new NameAddr(contact.get().displayName(), over, contact.get().parameters()).toString();
        @SuppressWarnings("unchecked")
        M rewritten = (M) (message instanceof SipRequest r
                ? r.withHeaders(r.headers().replacing("Contact", value))
                : ((SipResponse) message).withHeaders(message.headers().replacing("Contact", value)));
        return rewritten;
    }

    /** §18.1.1: the transport writes its own token and listening port into the top Via. */
    private static SipRequest withSentBy(SipRequest request, StreamSipChannel stream) {
        List<Via> vias = request.vias();
        Via top = vias.get(0);
        Via updated = new Via(top.protocol(), stream.transport(), top.host(), stream.localAddress().getPort(),
                top.parameters());
        List<String> values = new ArrayList<>();
        values.add(updated.toString());
        for (int i = 1; i < vias.size(); i++) {
            values.add(vias.get(i).toString());
        }
        return request.withHeaders(request.headers().replacing("Via", values.toArray(String[]::new)));
    }
}
