package dev.candor.app.recording;

import dev.candor.telephony.call.CallLeg;

/**
 * What a call session asks of recording: start when the call is established, stop when it ends. Starting
 * never throws: when recording cannot start, the failure is logged with the call id and the call goes on.
 */
@FunctionalInterface
public interface CallRecorder {
    /** Records nothing: {@code recording.enabled} is false. */
    CallRecorder OFF = leg -> Active.NONE;

    /** Starts recording {@code leg}: what the caller says on the left, what the caller hears on the right. */
    Active start(CallLeg leg);

    /** One recording in progress. */
    @FunctionalInterface
    interface Active {
        Active NONE = () -> { };

        /** Stops recording; the file is finished and its row completed on the writer thread. Idempotent. */
        void stop();
    }
}
