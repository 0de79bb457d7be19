package dev.candor.telephony.call;

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

    /** Prompts queued here are played to the remote party, paced by the media clock. */
    PlaybackQueue playback();

    /**
     * Live audio to send to the remote party (a bridged leg's voice); played when no prompt is playing.
     * A short queue absorbs clock differences; when it is full the oldest frame is dropped.
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
     * Hands a copy of every frame this leg sends (prompts, live audio, or silence) to {@code sink}, on
     * the media clock thread; {@code null} stops. Lets a supervisor hear what Candor says.
     */
    void tapOutgoing(java.util.function.Consumer<short[]> sink);
}
