package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.IncomingCallHandler;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.auth.Registrar;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipMessage;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.message.Via;
import dev.candor.telephony.sip.transaction.ClientTransactionUser;
import dev.candor.telephony.sip.transaction.TransactionKey;
import dev.candor.telephony.sip.transaction.TransactionLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The user agent core. Receives every parsed message on the SIP thread, gives it to the transaction
 * layer ({@link TransactionLayer}: retransmissions, ACKs of failures and response retransmissions end
 * there), and otherwise to a leg, or answers what belongs to no call (OPTIONS, unknown dialogs,
 * unsupported methods). Every response goes out through its server transaction.
 */
public final class SipUserAgent {
    private static final Logger log = LoggerFactory.getLogger(SipUserAgent.class);

    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY";
    /** Methods RFC 3261 and its extensions define that Candor knows but does not support: 405, not 501. */
    private static final List<String> KNOWN_UNSUPPORTED =
            List.of("REGISTER", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    private final SipTransport transport;
    private final SipScheduler scheduler;
    private final UserAgentSettings settings;
    private final MediaFactory mediaFactory;
    private final Executor callbackPool;
    private final RandomGenerator random;
    private final UserAgentCounters counters = new UserAgentCounters();
    private volatile Registrar registrar;
    private volatile DigestClient trunkCredentials;
    private volatile java.util.function.Predicate<java.net.InetAddress> identityTrust = address -> false;
    private volatile SipUri outboundProxy;
    private volatile IncomingCallHandler incomingCallHandler = leg -> {
        leg.reject(480);
        return new CallLegListener() { };
    };

    private final TransactionLayer transactions;
    private final Map<String, SipLeg> legsByCallId = new HashMap<>();
    /** Inbound legs by their INVITE's server transaction, for CANCEL (§9.2). */
    private final Map<TransactionKey, InboundLeg> invitesByTransaction = new HashMap<>();

    public SipUserAgent(SipTransport transport, SipScheduler scheduler, UserAgentSettings settings,
                        MediaFactory mediaFactory, Executor callbackPool, RandomGenerator random) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mediaFactory = Objects.requireNonNull(mediaFactory, "mediaFactory");
        this.callbackPool = Objects.requireNonNull(callbackPool, "callbackPool");
        this.random = Objects.requireNonNull(random, "random");
        this.transactions = new TransactionLayer((task, delay) -> scheduler.schedule(task, delay)::cancel,
                this::send, settings.timerSettings());
    }

    public void setIncomingCallHandler(IncomingCallHandler handler) {
        this.incomingCallHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Answers REGISTER with {@code registrar} (agents' phones). Without one, REGISTER gets 405. The
     * responses to INVITE and OPTIONS never depend on the user they name, so they tell a scanner
     * nothing either.
     */
    public void setRegistrar(Registrar registrar) {
        this.registrar = Objects.requireNonNull(registrar, "registrar");
    }

    /**
     * Which sources may assert a caller's identity (P-Asserted-Identity, RFC 3325): the trusted trunks.
     * By default nobody is trusted and the header is ignored.
     */
    public void setIdentityTrust(java.util.function.Predicate<java.net.InetAddress> trusted) {
        this.identityTrust = Objects.requireNonNull(trusted, "trusted");
    }

    boolean trustsIdentityFrom(java.net.InetAddress address) {
        return identityTrust.test(address);
    }

    /** Answers 401/407 challenges to Candor's own requests (the trunk's digest credentials). */
    public void setTrunkCredentials(DigestClient credentials) {
        this.trunkCredentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Sends Candor's out-of-dialog requests (INVITE, REGISTER) through {@code proxy}: a Route header
     * {@code <proxy;lr>} is added (RFC 3261 §8.1.2); the caller sends to the proxy's address.
     */
    public void setOutboundProxy(SipUri proxy) {
        this.outboundProxy = Objects.requireNonNull(proxy, "proxy");
    }

    /** The preloaded Route for Candor's initial requests, if an outbound proxy is set. */
    Optional<String> outboundRoute() {
        SipUri proxy = outboundProxy;
        return proxy == null ? Optional.empty()
                : Optional.of("<" + (proxy.parameter("lr").isPresent() ? proxy : proxy.withParameter("lr", "")) + ">");
    }

    /**
     * Registers Candor at a trunk, sending to {@code destination} (already resolved); refreshes until
     * {@link TrunkRegistration#stop()}. Uses the trunk credentials for challenges.
     */
    public TrunkRegistration registerAtTrunk(TrunkRegistration.Settings registration, InetSocketAddress destination,
                                             InstantSource clock) {
        TrunkRegistration r = new TrunkRegistration(this, registration, destination, clock);
        scheduler.execute(r::start);
        return r;
    }

    /** Stops refreshing {@code registration}, on the SIP thread. */
    public void stopRegistration(TrunkRegistration registration) {
        scheduler.execute(registration::stop);
    }

    /**
     * Stops refreshing {@code registration} and removes its binding at the trunk (REGISTER with
     * Expires: 0); the future completes when the trunk answered or gave up.
     */
    public java.util.concurrent.CompletableFuture<Void> unregister(TrunkRegistration registration) {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        scheduler.execute(() -> registration.unregister().whenComplete((v, e) -> done.complete(null)));
        return done;
    }

    Optional<DigestClient> trunkCredentials() {
        return Optional.ofNullable(trunkCredentials);
    }

    public UserAgentCounters counters() {
        return counters;
    }

    /** Number of legs not yet ended. Safe from any thread (approximate while calls change). */
    public int activeLegs() {
        return counters.activeLegs.get();
    }

    /**
     * Places a call to {@code target}, sending the INVITE to {@code destination} (already resolved: this
     * never looks up names). Returns at once; progress arrives at {@code listener}.
     */
    public CallLeg placeCall(SipUri target, InetSocketAddress destination, String fromUser,
                             CallLegListener listener, Duration answerTimeout) {
        OutboundLeg leg = new OutboundLeg(this, target, destination, fromUser, listener, answerTimeout);
        scheduler.execute(leg::start);
        return leg;
    }

    /** Entry point for every parsed message. Must be called on the SIP thread. */
    public void receive(SipMessage message, InetSocketAddress source) {
        try {
            if (message instanceof SipRequest request) {
                receiveRequest(withReceivedAndRport(request, source), source);
            } else if (message instanceof SipResponse response) {
                receiveResponse(response);
            }
        } catch (RuntimeException e) {
            counters.handlerErrors.incrementAndGet();
            log.error("failed to handle SIP message from {}", source, e);
        }
    }

    private void receiveRequest(SipRequest request, InetSocketAddress source) {
        counters.requests.incrementAndGet();
        SipMethod method = request.method();
        if (transactions.receiveRequest(request)) {
            // A retransmission (answered again or absorbed by its transaction), or the ACK of a failure.
            if (!method.equals(SipMethod.ACK)) {
                counters.retransmissionsAbsorbed.incrementAndGet();
            }
            return;
        }
        if (method.equals(SipMethod.ACK)) {
            receiveAck(request, source);
            return;
        }
        boolean merged = transactions.isMerged(request);
        if (!merged && method.equals(SipMethod.INVITE) && request.to().tag().isEmpty()
                && counters.activeLegs.get() >= settings.maxConcurrentCalls()
                && !legsByCallId.containsKey(request.callId())) {
            rejectOverCapacity(request, source);
            return;
        }
        transactions.createServer(request, responseDestination(request, source));
        OptionalInt maxForwards = request.maxForwards();
        if (maxForwards.isPresent() && maxForwards.getAsInt() == 0) {
            respond(request, source, SipResponse.to(request, 483));
        } else if (merged) {
            // §8.2.2.2: same From tag, Call-ID and CSeq as a live transaction, another path.
            respond(request, source, SipResponse.to(request, 482));
        } else if (method.equals(SipMethod.CANCEL)) {
            receiveCancel(request, source);
        } else if (request.to().tag().isPresent()) {
            receiveInDialog(request, source);
        } else if (method.equals(SipMethod.INVITE)) {
            receiveNewInvite(request, source);
        } else {
            receiveOutOfDialog(request, source);
        }
    }

    /** An ACK no transaction took: the ACK of a 2xx (§13.2.2.4), which belongs to its dialog. */
    private void receiveAck(SipRequest ack, InetSocketAddress source) {
        if (ack.to().tag().isPresent()) {
            receiveInDialog(ack, source);
        } else {
            counters.strayAcks.incrementAndGet();
        }
    }

    private void receiveNewInvite(SipRequest invite, InetSocketAddress source) {
        SipLeg sameCallId = legsByCallId.get(invite.callId());
        if (sameCallId != null && (!sameCallId.ended() || sameCallId.isSameInvite(invite))) {
            // Same Call-ID (and, for an ended call, same From tag and CSeq), new branch, no To tag: a
            // merged request (RFC 3261 §8.2.2.2). A new CSeq after an ended attempt is a new call.
            respond(invite, source, SipResponse.to(invite, 482));
            return;
        }
        InboundLeg leg = new InboundLeg(this, invite, source);
        invitesByTransaction.put(TransactionKey.forServer(invite), leg);
        legsByCallId.put(invite.callId(), leg);
        counters.activeLegs.incrementAndGet();
        leg.start();
    }

    /**
     * A new INVITE over the concurrent-call cap gets 503 with Retry-After from a stateless UAS (RFC 3261
     * §8.2.7): no transaction, so nothing is retransmitted on Timer G and nothing is kept for 32 s. A
     * flood of INVITEs that never ACK (or come from forged addresses) costs one small response each,
     * not eleven. A retransmitted INVITE is answered again with the same To tag, derived from the request.
     */
    private void rejectOverCapacity(SipRequest invite, InetSocketAddress source) {
        counters.callsOverCapacity.incrementAndGet();
        send(SipResponse.to(invite, 503)
                .withToTag(statelessTag(invite))
                .withHeader("Retry-After", Integer.toString(UserAgentSettings.CAPACITY_RETRY_AFTER_SECONDS))
                .withHeader("Server", settings.userAgent()), responseDestination(invite, source));
    }

    /** A To tag that is the same for every copy of {@code request} (§8.2.7): a hash of what identifies it. */
    private static String statelessTag(SipRequest request) {
        String identity = request.callId() + "\n" + request.from().tag().orElse("") + "\n"
                + request.topVia().branch().orElse("") + "\n" + request.headers().first("CSeq").orElse("");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sl" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * §9.2: a CANCEL finds the INVITE server transaction it cancels by the §17.2.3 rules; it gets 200
     * (481 if there is none), and an INVITE still without a final response then gets 487 from its leg.
     */
    private void receiveCancel(SipRequest cancel, InetSocketAddress source) {
        TransactionKey inviteKey = TransactionKey.forServer(cancel, SipMethod.INVITE);
        Optional<TransactionLayer.Server> invite = transactions.findServer(inviteKey);
        InboundLeg leg = invitesByTransaction.get(inviteKey);
        if (invite.isEmpty() || leg == null) {
            respond(cancel, source, SipResponse.to(cancel, 481));
            return;
        }
        respond(cancel, source, SipResponse.to(cancel, 200));
        if (invite.get().isProceeding()) {
            leg.onCancel();
        }
    }

    private void receiveInDialog(SipRequest request, InetSocketAddress source) {
        SipLeg leg = legsByCallId.get(request.callId());
        if (leg == null || !leg.matchesDialog(request)) {
            if (!request.method().equals(SipMethod.ACK)) {
                respond(request, source, SipResponse.to(request, 481));
            } else {
                counters.strayAcks.incrementAndGet();
            }
            return;
        }
        leg.onInDialogRequest(request, source);
    }

    private void receiveOutOfDialog(SipRequest request, InetSocketAddress source) {
        String name = request.method().name();
        if (request.method().equals(SipMethod.OPTIONS)) {
            respond(request, source, SipResponse.to(request, 200)
                    .withHeader("Allow", ALLOW)
                    .withHeader("Accept", "application/sdp")
                    .withHeader("Server", settings.userAgent()));
        } else if (name.equals("REGISTER") && registrar != null) {
            respond(request, source, registrar.handle(request, source));
        } else if (request.method().equals(SipMethod.BYE) || request.method().equals(SipMethod.INFO)
                || request.method().equals(SipMethod.NOTIFY)) {
            respond(request, source, SipResponse.to(request, 481));
        } else if (KNOWN_UNSUPPORTED.contains(name)) {
            respond(request, source, SipResponse.to(request, 405).withHeader("Allow", ALLOW));
        } else {
            respond(request, source, SipResponse.to(request, 501).withHeader("Allow", ALLOW));
        }
    }

    private void receiveResponse(SipResponse response) {
        counters.responses.incrementAndGet();
        if (!transactions.receiveResponse(response)) {
            counters.strayResponses.incrementAndGet(); // §18.1.2: no transaction matches: discarded
        }
    }

    // ---- services for legs (SIP thread only) ----

    /**
     * Sends a response to {@code request} through its server transaction, which retransmits it as
     * §17.2 says and answers retransmitted requests with it. Without a live transaction (it ended), the
     * response goes straight to the transport.
     */
    void respond(SipRequest request, InetSocketAddress source, SipResponse response) {
        SipResponse withServer = response.headers().contains("Server")
                ? response : response.withHeader("Server", settings.userAgent());
        Optional<TransactionLayer.Server> server = transactions.findServer(TransactionKey.forServer(request));
        if (server.isPresent() && !server.get().isTerminated()) {
            server.get().respond(withServer);
        } else {
            send(withServer, responseDestination(request, source));
        }
    }

    void send(SipMessage message, InetSocketAddress destination) {
        transport.send(message, destination);
    }

    /**
     * Sends {@code request} (not ACK) to {@code destination} in a new client transaction (§17.1), which
     * retransmits it and passes responses and its timeout to {@code user}.
     */
    TransactionLayer.Client sendRequest(SipRequest request, InetSocketAddress destination, ClientTransactionUser user) {
        return transactions.sendRequest(withViaTransport(request, transport.transportFor(request, destination)),
                destination, user);
    }

    /** The request with {@code token} as its top Via's transport (the transport fills in sent-by when it sends). */
    private static SipRequest withViaTransport(SipRequest request, String token) {
        List<Via> vias = request.vias();
        Via top = vias.get(0);
        if (top.transport().equalsIgnoreCase(token)) {
            return request;
        }
        List<String> values = new ArrayList<>();
        values.add(new Via(top.protocol(), token, top.host(), top.port(), top.parameters()).toString());
        for (int i = 1; i < vias.size(); i++) {
            values.add(vias.get(i).toString());
        }
        return request.withHeaders(request.headers().replacing("Via", values.toArray(String[]::new)));
    }

    /** The transaction layer, for tests. */
    TransactionLayer transactions() {
        return transactions;
    }

    void registerLeg(SipLeg leg) {
        legsByCallId.put(leg.sipCallId(), leg);
        counters.activeLegs.incrementAndGet();
    }

    void forget(SipLeg leg) {
        counters.activeLegs.decrementAndGet();
        // Linger so retransmitted BYEs and ACKs still match the dialog, then drop it.
        scheduler.schedule(() -> {
            legsByCallId.remove(leg.sipCallId(), leg);
            invitesByTransaction.values().removeIf(l -> l == leg);
        }, settings.transactionTimeout());
    }

    IncomingCallHandler incomingCallHandler() {
        return incomingCallHandler;
    }

    SipScheduler scheduler() {
        return scheduler;
    }

    UserAgentSettings settings() {
        return settings;
    }

    MediaFactory mediaFactory() {
        return mediaFactory;
    }

    Executor callbackPool() {
        return callbackPool;
    }

    String newTag() {
        return hex(8);
    }

    String newBranch() {
        return "z9hG4bK" + hex(10);
    }

    String newCallId() {
        return hex(12) + "@" + settings.advertisedHost();
    }

    long newSessionId() {
        return random.nextLong(1, Long.MAX_VALUE / 2);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    SipUri contactUri() {
        return contactUri(settings);
    }

    /** The Contact URI a user agent with {@code settings} puts in its messages. */
    public static SipUri contactUri(UserAgentSettings settings) {
        return SipUri.of("sip:candor@" + hostForUri(settings.advertisedHost()) + ":" + settings.port());
    }

    Via newVia() {
        Via via = Via.of("UDP", settings.advertisedHost(), settings.port(), newBranch());
        Map<String, String> parameters = new java.util.LinkedHashMap<>(via.parameters());
        parameters.put("rport", "");
        return new Via(via.protocol(), via.transport(), via.host(), via.port(), parameters);
    }

    static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * RFC 3261 §18.2.1 and RFC 3581: records where a request really came from in its top Via so that
     * responses go back there.
     */
    private static SipRequest withReceivedAndRport(SipRequest request, InetSocketAddress source) {
        List<Via> vias = request.vias();
        Via top = vias.get(0);
        String sourceIp = source.getAddress().getHostAddress();
        Via updated = top;
        if (top.hasRport()) {
            updated = updated.withRport(source.getPort()).withReceived(sourceIp);
        } else if (!top.host().equals(sourceIp)) {
            updated = updated.withReceived(sourceIp);
        }
        if (updated == top) {
            return request;
        }
        List<String> values = new ArrayList<>();
        values.add(updated.toString());
        for (int i = 1; i < vias.size(); i++) {
            values.add(vias.get(i).toString());
        }
        return request.withHeaders(request.headers().replacing("Via", values.toArray(String[]::new)));
    }

    /**
     * RFC 3261 §18.2.2, with RFC 3581 rport: where to send a response to {@code request}. Over TCP or
     * TLS that is the connection the request came on, which the transport finds by its address.
     */
    static InetSocketAddress responseDestination(SipRequest request, InetSocketAddress source) {
        Via top = request.topVia();
        String transport = top.transport();
        if (top.hasRport() || transport.equalsIgnoreCase("TCP") || transport.equalsIgnoreCase("TLS")) {
            return source;
        }
        int port = top.port() > 0 ? top.port() : 5060;
        return new InetSocketAddress(source.getAddress(), port);
    }
}
