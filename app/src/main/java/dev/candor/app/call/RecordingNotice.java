package dev.candor.app.call;

import dev.candor.dialog.guardrail.Disclosure;

/**
 * Keeps the greeting's promise that the caller hears "This call is recorded." in full. Once Candor has
 * begun saying it, it is owed until a prompt holding it has played to the end; a caller who cuts it off
 * (a key press, talking over it) hears it at the start of whatever Candor says next — typically the
 * "connecting you to a person" line, before the agent is bridged and recorded. Only a prompt played to
 * completion counts: the words heard of an interrupted one are an estimate. Used under the call
 * session's lock only.
 */
final class RecordingNotice {
    static final String TEXT = Disclosure.recordingNotice();

    private boolean owed;
    private boolean heard;

    /** The text to say instead of {@code text}: with the notice in front while it is owed and missing. */
    String beforeSaying(String text) {
        if (heard) {
            return text;
        }
        if (text.contains(TEXT)) {
            owed = true;
            return text;
        }
        return owed ? TEXT + " " + text : text;
    }

    /** A prompt (one part of an utterance) played to its end. */
    void playedInFull(String part) {
        if (owed && part.contains(TEXT)) {
            heard = true;
        }
    }

    boolean owed() {
        return owed && !heard;
    }
}
