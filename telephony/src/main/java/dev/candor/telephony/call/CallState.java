package dev.candor.telephony.call;

/** Where a leg is in its life. */
public enum CallState {
    /** Inbound: INVITE received, not answered yet. Outbound: INVITE sent, no answer yet. */
    RINGING,
    /** 200 OK sent (inbound), waiting for the ACK. */
    ANSWERED,
    /** The dialog is confirmed and media flows. */
    ESTABLISHED,
    /** The leg is over; no more events will come. */
    ENDED
}
