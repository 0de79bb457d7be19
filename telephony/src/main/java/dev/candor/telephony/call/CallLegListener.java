package dev.candor.telephony.call;

/**
 * Events of one leg. All methods but {@link #onAudio} are called in order on the leg's own serial
 * executor, never on a Netty event loop, so they may do modest blocking work (a database write).
 * {@link #onAudio} is called on the media I/O thread for every 20 ms frame: it must only hand the frame on.
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

    /** A decoded 160-sample frame from the remote party. Called on the media thread; never block. */
    default void onAudio(CallLeg leg, short[] frame) {
    }

    /** The leg ended. The last event. */
    default void onEnded(CallLeg leg, EndReason reason) {
    }
}
