package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.CallDirection;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.CallState;
import dev.candor.telephony.call.EndReason;
import dev.candor.telephony.sdp.Negotiation;
import dev.candor.telephony.sdp.OfferAnswer;
import dev.candor.telephony.sdp.SessionDescription;
import dev.candor.telephony.sip.limits.LogSafe;
import dev.candor.telephony.sip.auth.DigestClient;
import dev.candor.telephony.sip.message.CSeq;
import dev.candor.telephony.sip.message.DigestChallenge;
import dev.candor.telephony.sip.message.DigestCredentials;
import dev.candor.telephony.sip.message.NameAddr;
import dev.candor.telephony.sip.message.SipMethod;
import dev.candor.telephony.sip.message.SipRequest;
import dev.candor.telephony.sip.message.SipResponse;
import dev.candor.telephony.sip.message.SipUri;
import dev.candor.telephony.sip.transaction.ClientTransactionUser;
import dev.candor.telephony.sip.transaction.InviteClientTransaction;
import dev.candor.telephony.sip.transaction.TransactionLayer;
import dev.candor.telephony.sip.transaction.TransactionTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A call Candor places (to a human agent): the transaction user of the INVITE client transaction (which
 * runs Timers A and B and ACKs failures itself), CANCEL on timeout or hang-up while ringing, the ACK
 * of each 2xx (§13.2.2.4), digest re-sends, and then the dialog.
 */
final class OutboundLeg extends SipLeg {
    private static final Logger log = LoggerFactory.getLogger(OutboundLeg.class);
    private static final int TELEPHONE_EVENT_PT = 101;

    private final SipUri target;
    private final Duration answerTimeout;
    private SipRequest invite;
    private TransactionLayer.Client inviteTransaction;
    private SipScheduler.Cancellable answerTimer = () -> { };
    private boolean provisionalReceived;
    private boolean cancelRequested;
    private EndReason cancelReason = EndReason.LOCAL_HANGUP;
    private SipRequest ackFor2xx;
    private int authAttempts;
    private InetSocketAddress ackDestination;

    OutboundLeg(SipUserAgent ua, SipUri target, InetSocketAddress destination, String fromUser,
                CallLegListener listener, Duration answerTimeout) {
        super(ua, CallDirection.OUTBOUND);
        this.target = target;
        this.answerTimeout = answerTimeout;
        this.callId = ua.newCallId();
        this.localParty = NameAddr.parse("<sip:" + fromUser + "@" + SipUserAgent.hostForUri(ua.settings().advertisedHost())
                + ">").orElseThrow().withTag(ua.newTag());
        this.remoteParty = NameAddr.of(target);
        this.remoteTarget = target;
        this.remoteSignalling = destination;
        setListener(listener);
    }

    @Override
    public String remoteUri() {
        return target.toString();
    }

    @Override
    public String localUri() {
        return localParty.uri().toString();
    }

    /** On the SIP thread: registers the leg, opens media, then sends the INVITE. */
    void start() {
        ua.registerLeg(this);
        ua.mediaFactory().open().whenComplete((channel, error) -> ua.scheduler().execute(() -> {
            if (error != null) {
                log.warn("call {}: no RTP port available: {}", id(), error.toString());
                end(EndReason.FAILED);
            } else if (ended() || cancelRequested) {
                channel.close();
                this.media = null;
                end(cancelReason);
            } else {
                this.media = channel;
                sendInvite();
            }
        }));
    }

    private void sendInvite() {
        localSdp = OfferAnswer.offer(ua.settings().codecs(), TELEPHONE_EVENT_PT, ua.settings().advertisedHost(),
                media.localPort(), ua.newSessionId());
        localCseq = 1;
        sendInvite(null, null);
    }

    /** Sends the INVITE (with {@code localCseq} and a new branch), with credentials when given. */
    private void sendInvite(String authHeader, DigestCredentials credentials) {
        SipRequest.Builder builder = SipRequest.builder(SipMethod.INVITE, target)
                .header("Via", ua.newVia().toString())
                .header("Max-Forwards", "70")
                .header("From", localParty.toString())
                .header("To", remoteParty.toString())
                .header("Call-ID", callId)
                .header("CSeq", CSeq.of(localCseq, SipMethod.INVITE).toString())
                .header("Contact", "<" + ua.contactUri() + ">")
                .header("Allow", SipUserAgent.ALLOW)
                .header("User-Agent", ua.settings().userAgent());
        ua.outboundRoute().ifPresent(route -> builder.header("Route", route));
        if (authHeader != null) {
            builder.header(authHeader, credentials.toString());
        }
        SipRequest sent = builder.body("application/sdp", localSdp.toString().getBytes(StandardCharsets.US_ASCII))
                .build();
        invite = sent;
        inviteTransaction = ua.sendRequest(sent, remoteSignalling, new ClientTransactionUser() {
            @Override
            public void onResponse(SipResponse response) {
                onInviteResponse(response, sent);
            }

            @Override
            public void onTimeout(TransactionTimer timer) {
                if (sent == invite && !ended()) {
                    log.info("call {}: no response to INVITE (Timer {})", id(), timer);
                    answerTimer.cancel();
                    end(EndReason.NO_ANSWER);
                }
            }
        });
        if (authHeader == null) {
            answerTimer = ua.scheduler().schedule(this::onAnswerTimeout, answerTimeout);
        }
    }

    /**
     * A response its INVITE transaction passed up: provisional ones, the first failure (already ACKed
     * by the transaction, §17.1.1.3), every 2xx. {@code sent} tells a superseded (challenged) INVITE's
     * transaction from the current one.
     */
    private void onInviteResponse(SipResponse response, SipRequest sent) {
        if (sent != invite) {
            return; // the transaction of a challenged INVITE: it ACKs its own retransmitted failures
        }
        int status = response.statusCode();
        if (ended() && status < 300) {
            onResponseAfterEnd(response);
            return;
        }
        if (status < 200) {
            // §17.1.1.2: Proceeding (Timers A and B stopped in the transaction): how long the callee
            // may ring is the answer timeout's business.
            if (status > 100 && !provisionalReceived) {
                provisionalReceived = true;
                emit(l -> l.onRinging(this));
            }
            if (cancelRequested) {
                sendCancel();
            }
        } else if (status < 300) {
            on2xx(response);
        } else {
            onFailure(response);
        }
    }

    private void on2xx(SipResponse response) {
        if (ackFor2xx != null) {
            ua.send(ackFor2xx, ackDestination); // a retransmitted 2xx: ACK again
            return;
        }
        answerTimer.cancel();
        acknowledge2xx(response);
        Optional<Negotiation> negotiation = SessionDescription.parse(
                        new String(response.body(), StandardCharsets.US_ASCII)).value()
                .map(answer -> OfferAnswer.acceptAnswer(localSdp, answer));
        if (negotiation.isEmpty() || negotiation.get() instanceof Negotiation.NotAcceptable) {
            log.warn("call {}: unusable SDP answer from {}; hanging up", id(), LogSafe.text(target.toString()));
            setState(CallState.ESTABLISHED);
            sendBye(EndReason.NOT_ACCEPTABLE);
            return;
        }
        startMedia(((Negotiation.Accepted) negotiation.get()).media());
        setState(CallState.ESTABLISHED);
        if (cancelRequested) {
            sendBye(cancelReason);
            return;
        }
        emit(l -> l.onEstablished(this));
    }

    /** Takes the dialog from the first 2xx and ACKs it (§13.2.2.4). */
    private void acknowledge2xx(SipResponse response) {
        remoteParty = response.to();
        if (!response.contacts().isEmpty()) {
            remoteTarget = response.contacts().get(0).uri();
        }
        routeSet = reversedRecordRoutes(response);
        ackFor2xx = newInDialogRequest(SipMethod.ACK, localCseq).build();
        ackDestination = inDialogDestination();
        ua.send(ackFor2xx, ackDestination);
    }

    /**
     * A provisional or 2xx response after the leg already ended (hung up before any provisional
     * response, or Timer B): no more events. A 1xx lets the pending CANCEL go out (§9.1); a 2xx is
     * ACKed and the unwanted dialog ended with a BYE (§13.2.2.4, §15).
     */
    private void onResponseAfterEnd(SipResponse response) {
        if (response.statusCode() < 200) {
            if (cancelRequested) {
                sendCancel();
            }
        } else if (ackFor2xx != null) {
            ua.send(ackFor2xx, ackDestination);
        } else {
            acknowledge2xx(response);
            sendBye(cancelReason); // the leg has ended already: this only sends the BYE
        }
    }

    /** A failure final response, which the transaction has ACKed (§17.1.1.3). */
    private void onFailure(SipResponse response) {
        if (ended()) {
            return; // the leg gave up already (hang-up before any provisional, then the CANCEL's 487)
        }
        if (!cancelRequested && retryWithCredentials(response)) {
            return;
        }
        answerTimer.cancel();
        end(cancelRequested ? cancelReason : reasonFor(response.statusCode()));
    }

    /**
     * RFC 3261 §22.2: a 401 or 407 is answered once with credentials in a new INVITE (same Call-ID and
     * From tag, CSeq + 1, new branch); a second challenge fails the call unless it says the nonce was
     * merely stale. Returns whether the INVITE was sent again.
     */
    private boolean retryWithCredentials(SipResponse response) {
        int status = response.statusCode();
        Optional<DigestClient> client = ua.trunkCredentials();
        if ((status != 401 && status != 407) || client.isEmpty()) {
            return false;
        }
        Optional<DigestChallenge> challenge = DigestClient.chooseChallenge(response);
        if (challenge.isEmpty() || (authAttempts > 0 && !challenge.get().stale()) || authAttempts >= 3) {
            log.info("call {}: {} refused Candor's credentials ({})", id(), LogSafe.text(target.toString()), status);
            return false;
        }
        authAttempts++;
        localCseq++;
        DigestCredentials credentials = client.get().answer(challenge.get(), SipMethod.INVITE.name(),
                target.toString(), 1);
        sendInvite(DigestClient.credentialsHeader(status), credentials);
        return true;
    }

    static EndReason reasonFor(int status) {
        return switch (status) {
            case 486, 600 -> EndReason.BUSY;
            case 408, 480, 487 -> EndReason.NO_ANSWER;
            case 488, 606 -> EndReason.NOT_ACCEPTABLE;
            default -> status >= 400 ? EndReason.REJECTED : EndReason.FAILED;
        };
    }

    private void onAnswerTimeout() {
        if (state() == CallState.RINGING && !ended()) {
            log.info("call {}: {} did not answer within {}", id(), LogSafe.text(target.toString()), answerTimeout);
            cancel(EndReason.NO_ANSWER);
        }
    }

    @Override
    protected void hangupOnSipThread() {
        if (ended()) {
            return;
        }
        if (state() == CallState.ESTABLISHED) {
            sendBye(EndReason.LOCAL_HANGUP);
        } else {
            cancel(EndReason.LOCAL_HANGUP);
        }
    }

    private void cancel(EndReason reason) {
        if (cancelRequested) {
            return;
        }
        cancelRequested = true;
        cancelReason = reason;
        if (invite == null) {
            return; // media still opening; start() ends the leg
        }
        if (provisionalReceived) {
            sendCancel();
        } else {
            // RFC 3261 §9.1: no CANCEL before a provisional response. The leg gives up now; the INVITE
            // transaction runs on, so a late 1xx still gets its CANCEL and a late 2xx its ACK and BYE.
            end(reason);
        }
    }

    private boolean cancelSent;

    private void sendCancel() {
        if (cancelSent) {
            return;
        }
        cancelSent = true;
        SipRequest.Builder cancelBuilder = SipRequest.builder(SipMethod.CANCEL, invite.requestUri())
                .header("Via", invite.topVia().toString())
                .header("Max-Forwards", "70")
                .header("From", invite.from().toString())
                .header("To", invite.to().toString())
                .header("Call-ID", callId)
                .header("CSeq", CSeq.of(invite.cseq().sequence(), SipMethod.CANCEL).toString())
                .header("User-Agent", ua.settings().userAgent());
        // §9.1: the CANCEL carries the INVITE's Route header fields.
        invite.headers().all("Route").forEach(route -> cancelBuilder.header("Route", route));
        SipRequest cancel = cancelBuilder.build();
        // The CANCEL shares the INVITE's branch but is a transaction of its own (§9.1, §17.1.3: matched
        // by CSeq method too), retransmitted on Timer E; the INVITE's 487 then ends the leg.
        ua.sendRequest(cancel, remoteSignalling, response -> { });
        TransactionLayer.Client cancelled = inviteTransaction;
        ua.scheduler().schedule(() -> {
            // §9.1: "If there is no final response for the original request in 64*T1 seconds ..., the
            // client SHOULD then consider the original transaction cancelled and SHOULD destroy [it]".
            if (cancelled.state() == InviteClientTransaction.State.PROCEEDING) {
                cancelled.terminate();
            }
            if (!ended()) {
                log.info("call {}: no final response after CANCEL; giving up", id());
                end(cancelReason);
            }
        }, ua.settings().transactionTimeout());
    }
}
