package dev.candor.telephony.call;

/** Decides what to do with a new inbound leg; returns the listener for the leg's events. */
@FunctionalInterface
public interface IncomingCallHandler {
    CallLegListener onIncomingCall(CallLeg leg);
}
