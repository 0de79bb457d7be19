package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.CallDirection;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.sdp.Negotiation;
import dev.candor.telephony.sip.limits.LogSafe;
import dev.candor.telephony.sdp.OfferAnswer;
import dev.candor.telephony.sdp.SessionDescription;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A call Candor receives: the transaction user of the INVITE server transaction (100, 180, then a 2xx
 * that this leg retransmits until the ACK as the UAS core must, §13.3.1.4; or a failure, which the
 * transaction retransmits until its ACK), CANCEL, and then the dialog.
 */
final class InboundLeg extends SipLeg {
    private static final Logger log = LoggerFactory.getLogger(InboundLeg.class);

    private final SipRequest invite;
    private final InetSocketAddress source;
    private final String localTag;
    /** The 2xx retransmission (§13.3.1.4: T1 doubling to T2 until the ACK; 64 × T1 without one → BYE). */
    private Retransmission okRetransmission;
    private Negotiation.Accepted negotiation;
    private boolean answerRequested;
    /** Hung up after the 200 OK but before its ACK: the BYE waits for the ACK (RFC 3261 §15). */
    private boolean hangupAfterAck;

    InboundLeg(SipUserAgent ua, SipRequest invite, InetSocketAddress source) {
        super(ua, CallDirection.INBOUND);
        this.invite = invite;
        this.source = source;
        this.localTag = ua.newTag();
        this.callId = invite.callId();
        this.localParty = invite.to().withTag(localTag);
        this.remoteParty = invite.from();
        this.remoteTarget = invite.contacts().isEmpty() ? invite.from().uri() : invite.contacts().get(0).uri();
        this.remoteSignalling = source;
        this.routeSet = recordRoutes(invite);
        this.localCseq = 0;
    }

    @Override
    public String remoteUri() {
        return remoteParty.uri().toString();
    }

    @Override
    public String localUri() {
        return invite.requestUri().toString();
    }

    @Override
    public Optional<String> assertedIdentity() {
        if (!ua.trustsIdentityFrom(source.getAddress())) {
            return Optional.empty();
        }
        return invite.headers().first("P-Asserted-Identity").map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Sends 100 Trying, checks the offer, opens media and hands the leg to the application. */
    void start() {
        // Caller IDs and user parts come from the network: escaped, and only at DEBUG (phone numbers).
        log.debug("call {}: INVITE from {} <{}> to {}", id(), LogSafe.text(Objects.toString(remoteParty.displayName(), "")),
                LogSafe.text(Objects.toString(remoteParty.uri().user(), "")), LogSafe.text(invite.requestUri().toString()));
        sendProvisional(SipResponse.to(invite, 100));
        if (invite.body().length == 0) {
            rejectWith(488, "an SDP offer in the INVITE is required");
            return;
        }
        Optional<SessionDescription> offer =
                SessionDescription.parse(new String(invite.body(), StandardCharsets.US_ASCII)).value();
        if (offer.isEmpty()) {
            rejectWith(488, "the SDP offer could not be parsed");
            return;
        }
        ua.mediaFactory().open().whenComplete((channel, error) -> ua.scheduler().execute(() -> {
            if (error != null) {
                log.warn("call {}: no RTP port available: {}", id(), error.toString());
                rejectWith(503, "no media port available");
            } else {
                onMediaOpened(channel, offer.get());
            }
        }));
    }

    private void onMediaOpened(MediaChannel channel, SessionDescription offer) {
        this.media = channel;
        if (ended()) {
            channel.close();
            return;
        }
        Negotiation result = OfferAnswer.answer(offer, ua.settings().codecs(), ua.settings().advertisedHost(),
                channel.localPort(), ua.newSessionId());
        if (result instanceof Negotiation.NotAcceptable notAcceptable) {
            rejectWith(488, notAcceptable.reason());
            return;
        }
        this.negotiation = (Negotiation.Accepted) result;
        this.localSdp = negotiation.sdp();
        runOnEvents(() -> {
            CallLegListener appListener = ua.incomingCallHandler().onIncomingCall(this);
            setListener(appListener);
        });
    }

    @Override
    boolean isSameInvite(SipRequest other) {
        return other.cseq().equals(invite.cseq()) && other.from().tag().equals(invite.from().tag());
    }

    @Override
    public void ring() {
        ua.scheduler().execute(() -> {
            if (getStateOnSip() == CallState.RINGING && !answerRequested) {
                sendProvisional(SipResponse.to(invite, 180).withToTag(localTag));
            }
        });
    }

    @Override
    public void answer() {
        ua.scheduler().execute(this::answerOnSipThread);
    }

    @Override
    public void reject(int statusCode) {
        if (statusCode < 300 || statusCode > 699) {
            throw new IllegalArgumentException("invalid rejection status: " + statusCode + " (expected 300-699)");
        }
        ua.scheduler().execute(() -> {
            if (getStateOnSip() == CallState.RINGING && !answerRequested) {
                sendFinal(SipResponse.to(invite, statusCode).withToTag(localTag), EndReason.REJECTED_LOCALLY);
            }
        });
    }

    private void answerOnSipThread() {
        if (ended() || answerRequested || negotiation == null) {
            return;
        }
        answerRequested = true;
        SipResponse ok = SipResponse.to(invite, 200).withToTag(localTag)
                .withHeader("Contact", "<" + ua.contactUri() + ">")
                .withHeader("Allow", SipUserAgent.ALLOW)
                .withHeader("Supported", "")
                .withBody("application/sdp", localSdp.toString().getBytes(StandardCharsets.US_ASCII));
        ok = withRecordRoutes(ok);
        setState(CallState.ANSWERED);
        startMedia(negotiation.media());
        SipResponse toSend = ok;
        // RFC 3261 §13.3.1.4: retransmit the 2xx (T1 doubling to T2) until the ACK; no ACK in 64*T1 → BYE.
        // Each goes through the INVITE server transaction, which is in Accepted (RFC 6026) meanwhile.
        okRetransmission = Retransmission.start(ua.scheduler(), () -> ua.respond(invite, source, toSend),
                ua.settings().t1(), ua.settings().t2(), ua.settings().transactionTimeout(), () -> {
                    log.warn("call {}: no ACK for 200 OK within {}; hanging up", id(),
                            ua.settings().transactionTimeout());
                    sendBye(hangupAfterAck ? EndReason.LOCAL_HANGUP : EndReason.ACK_TIMEOUT);
                });
    }

    private SipResponse withRecordRoutes(SipResponse response) {
        SipResponse result = response;
        for (String route : routeSet) {
            result = result.withHeader("Record-Route", route);
        }
        return result;
    }

    @Override
    protected void onAck(SipRequest ack) {
        if (getStateOnSip() == CallState.ANSWERED) {
            okRetransmission.stop();
            if (!ack.contacts().isEmpty()) {
                remoteTarget = ack.contacts().get(0).uri();
            }
            if (hangupAfterAck) {
                sendBye(EndReason.LOCAL_HANGUP);
                return;
            }
            setState(CallState.ESTABLISHED);
            emit(l -> l.onEstablished(this));
        }
    }

    @Override
    void onInDialogRequest(SipRequest request, InetSocketAddress source) {
        if (request.method().equals(SipMethod.BYE) && getStateOnSip() == CallState.ANSWERED) {
            // A BYE overtook (or replaced a lost) ACK: the dialog ends here, so the 2xx retransmission
            // and its ACK timeout must end too, or 64*T1 later we would send a BYE for a dead dialog.
            okRetransmission.stop();
        }
        super.onInDialogRequest(request, source);
    }

    void onCancel() {
        if (getStateOnSip() == CallState.RINGING && !answerRequested) {
            sendFinal(SipResponse.to(invite, 487).withToTag(localTag), EndReason.CANCELLED);
        }
    }

    @Override
    protected void hangupOnSipThread() {
        if (ended()) {
            return;
        }
        if (getStateOnSip() == CallState.RINGING && !answerRequested) {
            sendFinal(SipResponse.to(invite, 480).withToTag(localTag), EndReason.LOCAL_HANGUP);
        } else if (getStateOnSip() == CallState.ANSWERED) {
            // §15: "MUST NOT send a BYE on a confirmed dialog until it has received an ACK for its 2xx
            // response or until the server transaction times out": onAck or the ACK timeout sends it.
            hangupAfterAck = true;
        } else {
            if (okRetransmission != null) {
                okRetransmission.stop();
            }
            sendBye(EndReason.LOCAL_HANGUP);
        }
    }

    private void rejectWith(int status, String reason) {
        log.info("call {}: rejecting with {}: {}", id(), status, LogSafe.text(reason));
        SipResponse response = SipResponse.to(invite, status).withToTag(localTag);
        if (status == 488 || status == 503) {
            response = response.withHeader("Warning", "399 candor \"" + reason.replace('"', '\'') + "\"");
        }
        sendFinal(response, status == 488 ? EndReason.NOT_ACCEPTABLE : EndReason.REJECTED_LOCALLY);
    }

    /** A failure final response: its transaction retransmits it until the ACK (Timer G) or Timer H. */
    private void sendFinal(SipResponse response, EndReason reason) {
        ua.respond(invite, source, response);
        end(reason);
    }

    /** A provisional response: its transaction sends it again for each retransmitted INVITE. */
    private void sendProvisional(SipResponse response) {
        ua.respond(invite, source, response);
    }

    private CallState getStateOnSip() {
        return state();
    }
}
