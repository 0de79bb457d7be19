package dev.candor.telephony.call;

/**
 * How a cold transfer by REFER (RFC 3515) goes. Called in order on the leg's serial executor, like
 * {@link CallLegListener}; exactly one of {@link #onRefused}, {@link #onSucceeded} and {@link #onFailed}
 * ends the transfer.
 */
public interface TransferListener {

    /** The peer accepted the REFER (202, or 200) and will report progress by NOTIFY. */
    default void onAccepted(int statusCode) {
    }

    /** A NOTIFY reported a provisional response from the transfer target ("SIP/2.0 100 Trying", 180). */
    default void onTrying(int statusCode) {
    }

    /**
     * A NOTIFY reported the transfer target's 2xx: the caller now talks to the target. Candor hangs up
     * its own leg (BYE) right after, unless the peer already did.
     */
    void onSucceeded(int statusCode);

    /**
     * The peer accepted the REFER but the transfer did not complete; the call with Candor goes on.
     *
     * @param statusCode the target's final status from the NOTIFY body (486, 603...), 408 when no final
     *     NOTIFY arrived in time, or 0 when the subscription ended without a final status
     */
    void onFailed(int statusCode);

    /**
     * The peer did not accept the REFER; the call with Candor goes on.
     *
     * @param statusCode the REFER's final status (405, 501, 603...), 408 when it was never answered,
     *     481 when the leg is not established, 491 when another transfer is still in progress
     */
    void onRefused(int statusCode);
}
