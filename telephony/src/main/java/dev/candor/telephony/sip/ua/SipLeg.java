package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.CallDirection;
import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.call.TransferListener;
import dev.candor.telephony.media.DtmfSender;
import dev.candor.telephony.media.MediaMonitor;
import dev.candor.telephony.media.Registration;
import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.media.PlaybackQueue;
import dev.candor.telephony.sdp.MediaParameters;
import dev.candor.telephony.sdp.Negotiation;
import dev.candor.telephony.sdp.OfferAnswer;
import dev.candor.telephony.sdp.SessionDescription;
import dev.candor.telephony.sip.message.CSeq;
import dev.candor.telephony.sip.message.NameAddr;
import dev.candor.telephony.sip.message.ParseResult;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What inbound and outbound legs share: the dialog (tags, CSeq, remote target, route set), in-dialog
 * requests, BYE either way, media plumbing and event delivery. Dialog state is touched on the SIP
 * thread only; the public methods post there.
 */
abstract class SipLeg implements CallLeg, MediaChannel.MediaEvents, MediaChannel.FrameSource {
    private static final Logger log = LoggerFactory.getLogger(SipLeg.class);
    private static final int LIVE_QUEUE_FRAMES = 6;
    private static final Pattern INFO_SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*([0-9*#A-Da-d])");

    protected final SipUserAgent ua;
    private final String id = UUID.randomUUID().toString();
    private final CallDirection direction;
    private final SerialExecutor events;
    private final PlaybackQueue playback = new PlaybackQueue();
    private final ArrayDeque<short[]> live = new ArrayDeque<>();
    private volatile CallLegListener listener = new CallLegListener() { };
    private volatile CallState state = CallState.RINGING;
    private volatile MediaParameters negotiated;
    private volatile Consumer<short[]> forward;
    private volatile Consumer<short[]> outgoingTap;
    private final List<MediaMonitor> monitors = new CopyOnWriteArrayList<>();
    /** The media channel once started, for other threads (the field {@code media} is the SIP thread's). */
    private volatile MediaChannel startedMedia;
    private static final short[] SILENCE = new short[160];

    // Dialog state: SIP thread only.
    protected String callId;
    protected NameAddr localParty;
    protected NameAddr remoteParty;
    protected SipUri remoteTarget;
    protected List<String> routeSet = List.of();
    protected InetSocketAddress remoteSignalling;
    protected long localCseq;
    protected MediaChannel media;
    protected SessionDescription localSdp;
    /** The REFER subscription (cold transfer), once one was started. */
    private ReferTransfer transfer;
    /** The 2xx to a re-INVITE, retransmitted until its ACK (§13.3.1.4), and that re-INVITE's CSeq. */
    private Retransmission reInviteAnswer;
    private long reInviteCseq = -1;

    SipLeg(SipUserAgent ua, CallDirection direction) {
        this.ua = Objects.requireNonNull(ua, "ua");
        this.direction = direction;
        this.events = new SerialExecutor(ua.callbackPool());
    }

    // ---- CallLeg ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public String sipCallId() {
        return callId;
    }

    @Override
    public CallDirection direction() {
        return direction;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Optional<MediaParameters> media() {
        return Optional.ofNullable(negotiated);
    }

    @Override
    public PlaybackQueue playback() {
        return playback;
    }

    @Override
    public void sendAudio(short[] frame) {
        synchronized (live) {
            if (live.size() >= LIVE_QUEUE_FRAMES) {
                live.pollFirst();
            }
            live.addLast(frame);
        }
    }

    @Override
    public void forwardAudioTo(CallLeg other) {
        this.forward = other == null ? null : other::sendAudio;
    }

    @Override
    public void tapIncoming(Consumer<short[]> sink) {
        this.forward = sink;
    }

    @Override
    public void tapOutgoing(Consumer<short[]> sink) {
        this.outgoingTap = sink;
    }

    @Override
    public Registration addMonitor(MediaMonitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        monitors.add(monitor);
        return () -> monitors.remove(monitor);
    }

    @Override
    public MediaStatistics mediaStatistics() {
        MediaChannel channel = startedMedia;
        return channel == null ? MediaStatistics.NONE : channel.statistics();
    }

    @Override
    public boolean sendDtmf(char digit, int durationMillis) {
        MediaChannel channel = startedMedia;
        if (channel == null) {
            DtmfSender.packetsFor(digit, durationMillis); // validates the arguments
            return false;
        }
        return channel.sendDtmf(digit, durationMillis);
    }

    @Override
    public void hangup() {
        ua.scheduler().execute(this::hangupOnSipThread);
    }

    @Override
    public void transfer(String targetUri, TransferListener transferListener) {
        Objects.requireNonNull(transferListener, "listener");
        SipUri target = SipUri.parse(Objects.requireNonNull(targetUri, "targetUri")).value()
                .filter(SipUri::isSip)
                .orElseThrow(() -> new IllegalArgumentException(
                        "invalid transfer target: " + targetUri + " (expected a sip: or sips: URI)"));
        ua.scheduler().execute(() -> transferOnSipThread(target, transferListener));
    }

    private void transferOnSipThread(SipUri target, TransferListener transferListener) {
        if (state != CallState.ESTABLISHED) {
            runOnEvents(() -> transferListener.onRefused(481));
        } else if (transfer != null && transfer.state() != ReferTransfer.State.TERMINATED) {
            runOnEvents(() -> transferListener.onRefused(491));
        } else {
            transfer = new ReferTransfer(this, target, transferListener);
            transfer.start();
        }
    }

    /** The transfer succeeded: Candor leaves the call, unless the peer already hung up. */
    void leaveAfterTransfer() {
        if (state == CallState.ESTABLISHED) {
            sendBye(EndReason.TRANSFERRED);
        }
    }

    @Override
    public void ring() {
        throw new UnsupportedOperationException("only inbound legs ring");
    }

    @Override
    public void answer() {
        throw new UnsupportedOperationException("only inbound legs are answered");
    }

    @Override
    public void reject(int statusCode) {
        throw new UnsupportedOperationException("only inbound legs are rejected");
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase() + " leg " + id + " (Call-ID " + callId + ", " + state + ")";
    }

    // ---- media callbacks (media threads) ----

    @Override
    public short[] nextFrame() {
        short[] voice = playback.nextFrame();
        short[] other;
        synchronized (live) {
            other = live.pollFirst();
        }
        // The tap hears this leg's own prompts only: a supervisor barging in must not hear themselves.
        Consumer<short[]> tap = outgoingTap;
        if (tap != null) {
            tap.accept(voice == null ? SILENCE : voice);
        }
        short[] out = voice == null ? other : other == null ? voice : mix(voice, other);
        if (!monitors.isEmpty()) {
            short[] sent = out == null ? SILENCE : out;
            notifyMonitors(m -> m.onSent(sent));
        }
        return out;
    }

    /** Calls every monitor; one that throws is removed, so a faulty recorder cannot break the call's audio. */
    private void notifyMonitors(Consumer<MediaMonitor> call) {
        for (MediaMonitor monitor : monitors) {
            try {
                call.accept(monitor);
            } catch (RuntimeException e) {
                monitors.remove(monitor);
                log.warn("call {}: media monitor {} failed and was removed", id, monitor, e);
            }
        }
    }

    /** Saturating sum of two frames: prompts and live audio (a barging supervisor) heard together. */
    static short[] mix(short[] a, short[] b) {
        short[] out = new short[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            int sum = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
        return out;
    }

    @Override
    public void onAudio(short[] frame) {
        if (!monitors.isEmpty()) {
            notifyMonitors(m -> m.onReceived(frame));
        }
        listener.onAudio(this, frame);
        Consumer<short[]> sink = forward;
        if (sink != null) {
            sink.accept(frame);
        }
    }

    @Override
    public void onDtmf(char digit) {
        emit(l -> l.onDtmf(this, digit));
    }

    @Override
    public void onRemoteReport(MediaStatistics statistics) {
        emit(l -> l.onMediaReport(this, statistics));
    }

    // ---- for subclasses (SIP thread) ----

    protected abstract void hangupOnSipThread();

    protected void setListener(CallLegListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    protected void emit(Consumer<CallLegListener> event) {
        events.execute(() -> event.accept(listener));
    }

    protected void runOnEvents(Runnable task) {
        events.execute(task);
    }

    protected void setState(CallState newState) {
        this.state = newState;
    }

    protected boolean ended() {
        return state == CallState.ENDED;
    }

    protected void startMedia(MediaParameters parameters) {
        this.negotiated = parameters;
        media.start(parameters, this, this);
        this.startedMedia = media;
    }

    /** Ends the leg once: closes media, lets the user agent forget it, tells the listener. */
    protected void end(EndReason reason) {
        if (ended()) {
            return;
        }
        setState(CallState.ENDED);
        if (reInviteAnswer != null) {
            reInviteAnswer.stop();
        }
        playback.cancelAll();
        if (media != null) {
            media.close();
        }
        forward = null;
        monitors.clear();
        ua.forget(this);
        log.info("call {} ended: {}", id, reason.code());
        emit(l -> l.onEnded(this, reason));
    }

    /** True if {@code invite} has the From tag and CSeq of the INVITE that created this leg (§8.2.2.2). */
    boolean isSameInvite(SipRequest invite) {
        return false;
    }

    boolean matchesDialog(SipRequest request) {
        String fromTag = request.from().tag().orElse("");
        String toTag = request.to().tag().orElse("");
        return remoteParty != null
                && fromTag.equals(remoteParty.tag().orElse(""))
                && toTag.equals(localParty.tag().orElse(""));
    }

    void onInDialogRequest(SipRequest request, InetSocketAddress source) {
        SipMethod method = request.method();
        if (method.equals(SipMethod.BYE)) {
            ua.respond(request, source, SipResponse.to(request, 200));
            end(EndReason.REMOTE_HANGUP);
        } else if (method.equals(SipMethod.ACK)) {
            if (reInviteAnswer != null && request.cseq().sequence() == reInviteCseq) {
                reInviteAnswer.stop();
            }
            onAck(request);
        } else if (method.equals(SipMethod.INFO)) {
            ua.respond(request, source, SipResponse.to(request, 200));
            infoDigit(request).ifPresent(this::onDtmf);
        } else if (method.equals(SipMethod.OPTIONS)) {
            ua.respond(request, source, SipResponse.to(request, 200).withHeader("Allow", SipUserAgent.ALLOW));
        } else if (method.equals(SipMethod.INVITE)) {
            onReInvite(request, source);
        } else if (method.equals(SipMethod.NOTIFY)) {
            // RFC 6665 §4.1.3: a NOTIFY that matches no subscription gets 481. The only subscriptions
            // Candor has are the implicit ones its REFERs create (RFC 3515 §2.4.4).
            if (transfer == null) {
                ua.respond(request, source, SipResponse.to(request, 481));
            } else {
                transfer.onNotify(request, source);
            }
        } else {
            ua.respond(request, source, SipResponse.to(request, 405).withHeader("Allow", SipUserAgent.ALLOW));
        }
    }

    protected void onAck(SipRequest ack) {
        // ACK of a re-INVITE's 2xx or a retransmission: nothing to do.
    }

    /**
     * A re-INVITE: a session refresh, or hold and resume (RFC 3264 §8.4). With an offer, Candor answers
     * it on the same port and codec rules, the direction reversed (sendonly → recvonly, inactive or the
     * old-style 0.0.0.0 → not sending), and stops or resumes sending RTP to match; without one, it
     * offers the session it has.
     */
    private void onReInvite(SipRequest request, InetSocketAddress source) {
        if (localSdp == null) {
            ua.respond(request, source, SipResponse.to(request, 491));
            return;
        }
        if (request.body().length > 0) {
            ParseResult<SessionDescription> offer =
                    SessionDescription.parse(new String(request.body(), StandardCharsets.US_ASCII));
            if (!(offer instanceof ParseResult.Ok<SessionDescription> parsed)) {
                ua.respond(request, source, SipResponse.to(request, 488));
                return;
            }
            Negotiation result = OfferAnswer.answer(parsed.result(), ua.settings().codecs(),
                    ua.settings().advertisedHost(), media.localPort(), localSdp.sessionId());
            if (!(result instanceof Negotiation.Accepted accepted)) {
                ua.respond(request, source, SipResponse.to(request, 488));
                return;
            }
            SessionDescription answer = accepted.sdp();
            SessionDescription same = new SessionDescription(answer.originUser(), localSdp.sessionId(),
                    localSdp.sessionVersion(), answer.originAddress(), answer.sessionName(),
                    answer.connectionAddress(), answer.media());
            // RFC 3264 §8: the o= version moves on only when the session changes (not for a refresh).
            localSdp = same.equals(localSdp) ? localSdp : new SessionDescription(answer.originUser(),
                    localSdp.sessionId(), localSdp.sessionVersion() + 1, answer.originAddress(),
                    answer.sessionName(), answer.connectionAddress(), answer.media());
            media.setDirection(accepted.media().direction());
        }
        SipResponse ok = SipResponse.to(request, 200)
                .withHeader("Contact", "<" + ua.contactUri() + ">")
                .withHeader("Allow", SipUserAgent.ALLOW)
                .withBody("application/sdp", localSdp.toString().getBytes(StandardCharsets.US_ASCII));
        // §13.3.1.4: the UAS core retransmits its 2xx until the ACK; the transaction (RFC 6026 Accepted)
        // passes those retransmissions on and absorbs the re-INVITE's own retransmissions.
        if (reInviteAnswer != null) {
            reInviteAnswer.stop();
        }
        reInviteCseq = request.cseq().sequence();
        reInviteAnswer = Retransmission.start(ua.scheduler(), () -> ua.respond(request, source, ok),
                ua.settings().t1(), ua.settings().t2(), ua.settings().transactionTimeout(),
                () -> log.warn("call {}: no ACK for the 200 OK to re-INVITE {}", id, reInviteCseq));
    }

    private static Optional<Character> infoDigit(SipRequest request) {
        String type = request.contentType().orElse("").toLowerCase();
        String body = new String(request.body(), StandardCharsets.US_ASCII);
        if (type.startsWith("application/dtmf-relay")) {
            Matcher m = INFO_SIGNAL.matcher(body);
            return m.find() ? Optional.of(Character.toUpperCase(m.group(1).charAt(0))) : Optional.empty();
        }
        if (type.startsWith("application/dtmf") && body.trim().length() == 1) {
            return Optional.of(Character.toUpperCase(body.trim().charAt(0)));
        }
        return Optional.empty();
    }

    /** Sends BYE in its own client transaction (Timer E and F there) and ends the leg at once. */
    protected void sendBye(EndReason reason) {
        SipRequest bye = newInDialogRequest(SipMethod.BYE).build();
        ua.sendRequest(bye, inDialogDestination(), response -> { });
        end(reason);
    }

    protected SipRequest.Builder newInDialogRequest(SipMethod method) {
        return newInDialogRequest(method, ++localCseq);
    }

    protected SipRequest.Builder newInDialogRequest(SipMethod method, long cseq) {
        SipRequest.Builder builder = SipRequest.builder(method, remoteTarget)
                .header("Via", ua.newVia().toString())
                .header("Max-Forwards", "70")
                .header("From", localParty.toString())
                .header("To", remoteParty.toString())
                .header("Call-ID", callId)
                .header("CSeq", CSeq.of(cseq, method).toString());
        for (String route : routeSet) {
            builder.header("Route", route);
        }
        return builder.header("User-Agent", ua.settings().userAgent());
    }

    /** Loose routing: the first Route if there is one, else the remote target; never a DNS lookup. */
    protected InetSocketAddress inDialogDestination() {
        SipUri next = remoteTarget;
        if (!routeSet.isEmpty()) {
            Optional<SipUri> first = NameAddr.parse(routeSet.get(0)).value().map(NameAddr::uri);
            if (first.isPresent()) {
                next = first.get();
            }
        }
        return literalAddress(next).orElse(remoteSignalling);
    }

    /** The address of a URI whose host is an IP literal; empty for names (which would need DNS). */
    static Optional<InetSocketAddress> literalAddress(SipUri uri) {
        String host = uri.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean literal = host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!literal) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), uri.portOrDefault()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    protected static List<String> recordRoutes(SipRequest request) {
        return List.copyOf(request.headers().all("Record-Route"));
    }

    protected static List<String> reversedRecordRoutes(SipResponse response) {
        List<String> routes = new ArrayList<>(response.headers().all("Record-Route"));
        java.util.Collections.reverse(routes);
        return List.copyOf(routes);
    }
}
