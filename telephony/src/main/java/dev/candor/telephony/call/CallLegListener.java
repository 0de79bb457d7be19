package dev.candor.telephony.call;

import dev.candor.telephony.media.MediaStatistics;

/**
 * Events of one leg. All methods but {@link #onAudio} are called in order on the leg's own serial
 * executor, never on a Netty event loop, so they may do modest blocking work (a database write).
 * {@link #onAudio} is called on the media clock thread for every 20 ms frame: it must only hand the frame on.
 */
public interface CallLegListener {

    /** Outbound: the callee's phone is ringing (180/183). */
    default void onRinging(CallLeg leg) {
    }

    /** The dialog is confirmed (ACK received, or 200 OK received and ACKed); media flows. */
    default void onEstablished(CallLeg leg) {
    }

    /** An RFC 4733 (or SIP INFO) DTMF digit: 0-9, *, #, A-D. Reported once per key press. */
    default void onDtmf(CallLeg leg, char digit) {
    }

    /**
     * A decoded 160-sample frame from the remote party, one per media clock tick once its RTP has
     * started (taken from the jitter buffer; missing packets concealed). Called on the media clock
     * thread; never block.
     */
    default void onAudio(CallLeg leg, short[] frame) {
    }

    /**
     * The remote party sent an RTCP sender or receiver report about our stream (about every 5 s):
     * {@code statistics} holds its fraction lost, cumulative loss and jitter in
     * {@link MediaStatistics#remote()}, and our own reception. On the leg's serial executor.
     */
    default void onMediaReport(CallLeg leg, MediaStatistics statistics) {
    }

    /** The leg ended. The last event. */
    default void onEnded(CallLeg leg, EndReason reason) {
    }
}
