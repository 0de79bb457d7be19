package dev.candor.telephony.call;

/** Why a leg ended; stored verbatim (lower case) as a call's end reason. */
public enum EndReason {
    /** Candor hung up. */
    LOCAL_HANGUP,
    /** The remote party sent BYE. */
    REMOTE_HANGUP,
    /** The caller cancelled before the answer. */
    CANCELLED,
    /** Candor rejected the call (for example 488, 503). */
    REJECTED_LOCALLY,
    /** The callee rejected the call (403, 603 and other final failures). */
    REJECTED,
    /** The callee was busy (486, 600). */
    BUSY,
    /** The callee did not answer in time (408, 480, or our own timeout). */
    NO_ANSWER,
    /** No codec in common (488, 606). */
    NOT_ACCEPTABLE,
    /** The remote party never acknowledged our 200 OK. */
    ACK_TIMEOUT,
    /** The remote party was transferred elsewhere by REFER and Candor left the call. */
    TRANSFERRED,
    /** Transport failure or an unexpected protocol error. */
    FAILED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
