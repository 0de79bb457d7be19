package dev.candor.telephony.call;

import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.media.PlaybackQueue;
import dev.candor.telephony.sdp.MediaParameters;

import java.util.Optional;

/**
 * One SIP dialog and its RTP session. Methods may be called from any thread; they return at once and
 * the work happens on the SIP event loop. Events arrive at the {@link CallLegListener}.
 */
public interface CallLeg {

    /** Candor's own identifier of this leg (a UUID), used in storage and logs. */
    String id();

    /** The SIP Call-ID of the dialog. */
    String sipCallId();

    CallDirection direction();

    /** The caller for an inbound leg, the callee for an outbound one, as a SIP URI string. */
    String remoteUri();

    /** Candor's side of the dialog (the called URI for inbound legs). */
    String localUri();

    /**
     * Inbound: the first value of the INVITE's P-Asserted-Identity header (RFC 3325), as sent, when there
     * is one and the INVITE came from a trusted address (a trunk in {@code sip.trusted-addresses}): the
     * network's claim of who is calling, preferred to From. From anyone else the header is ignored, as
     * RFC 3325 §5 asks, since anybody can write it.
     */
    default Optional<String> assertedIdentity() {
        return Optional.empty();
    }

    CallState state();

    /** The negotiated media, once the offer/answer exchange has completed. */
    Optional<MediaParameters> media();

    /** Sends 180 Ringing on an inbound leg that has not been answered. */
    void ring();

    /** Answers an inbound leg with 200 OK and the SDP answer. */
    void answer();

    /** Rejects an inbound leg that has not been answered with the given final status (4xx-6xx). */
    void reject(int statusCode);

    /** Ends the leg: BYE when established, CANCEL when an outbound leg is still ringing. */
    void hangup();

    /**
     * Cold transfer (RFC 3515): asks the remote party, by REFER inside this established dialog, to call
     * {@code targetUri} instead, and follows its NOTIFY reports. On success Candor hangs up this leg
     * (ending with {@link EndReason#TRANSFERRED}); on refusal or failure the call goes on. Progress
     * arrives at {@code listener} on this leg's event thread.
     *
     * @throws IllegalArgumentException when {@code targetUri} is not a sip: or sips: URI
     */
    default void transfer(String targetUri, TransferListener listener) {
        throw new UnsupportedOperationException("this leg cannot transfer");
    }

    /** Prompts queued here are played to the remote party, paced by the media clock. */
    PlaybackQueue playback();

    /**
     * Live audio to send to the remote party (a bridged leg's voice, a conference mix); mixed with any
     * prompt that is playing, so a supervisor who barges in is heard over Candor's voice. A short queue
     * absorbs clock differences; when it is full the oldest frame is dropped.
     */
    void sendAudio(short[] frame);

    /** Forwards every audio frame received on this leg to {@code other}; {@code null} stops forwarding. */
    void forwardAudioTo(CallLeg other);

    /**
     * Hands every audio frame received on this leg to {@code sink} (on the media thread; never block);
     * {@code null} stops. Replaces {@link #forwardAudioTo}: a leg has one incoming tap.
     */
    void tapIncoming(java.util.function.Consumer<short[]> sink);

    /**
     * Hands a copy of this leg's own prompts (silence when none plays; never the live audio mixed in)
     * to {@code sink}, on the media clock thread; {@code null} stops. Lets a supervisor hear what Candor
     * says without hearing themselves.
     */
    void tapOutgoing(java.util.function.Consumer<short[]> sink);

    /**
     * Adds a monitor that sees every frame received and sent on this leg (see {@link MediaMonitor}),
     * independent of the taps above and of other monitors. Closing the registration removes it; a
     * monitor that throws is removed and the failure logged once.
     */
    default dev.candor.telephony.media.Registration addMonitor(dev.candor.telephony.media.MediaMonitor monitor) {
        throw new UnsupportedOperationException("this leg cannot be monitored");
    }

    /**
     * The RTP session's statistics now: packets sent and received, our loss and jitter, the jitter
     * buffer, and the peer's last RTCP report about our stream. {@link MediaStatistics#NONE} before
     * media starts. Any thread; a snapshot, cheap enough to poll.
     */
    default MediaStatistics mediaStatistics() {
        return MediaStatistics.NONE;
    }

    /**
     * Sends one DTMF key press as RFC 4733 telephone events (one packet per 20 ms, then the end
     * packet three times), after any press queued before.
     *
     * @return false when media has not started or the peer did not negotiate telephone-event
     * @throws IllegalArgumentException for a digit other than 0-9, *, #, A-D or a duration outside 20–8191 ms
     */
    default boolean sendDtmf(char digit, int durationMillis) {
        return false;
    }
}
