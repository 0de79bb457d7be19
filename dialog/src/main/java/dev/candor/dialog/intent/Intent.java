package dev.candor.dialog.intent;

/** What a caller's utterance asks for or says. An utterance can carry several. */
public enum Intent {
    /** Asks to speak to a person. Always honoured at once. */
    PERSON_REQUEST,
    /** Asks never to be called again (do-not-call). */
    STOP_CALLING,
    /** Declines: not interested. */
    NOT_INTERESTED,
    /** Not a good time now; may be called back. */
    NOT_NOW,
    /** Asks whether Candor is a person or a machine. Always answered truthfully. */
    ASKS_IF_HUMAN,
    YES,
    NO,
    GOODBYE,
    /** Asks Candor to say it again. */
    REPEAT,
    /** Asks a question (about products, prices, the company). */
    QUESTION,
    /** Objects that it costs too much. */
    OBJECTION_PRICE,
    /** Objects that the timing is wrong (not this quarter, not ready). */
    OBJECTION_TIMING,
    /** Already uses or prefers a competitor. */
    OBJECTION_COMPETITOR
}
