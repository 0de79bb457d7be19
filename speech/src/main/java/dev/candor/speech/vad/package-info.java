/**
 * Voice activity and turn-taking on the caller's audio: {@link
 * dev.candor.speech.vad.VoiceActivityDetector} (frame in, {@link dev.candor.speech.vad.VadDecision}
 * out) and {@link dev.candor.speech.vad.EndpointDetector} (frames in, sealed {@link
 * dev.candor.speech.vad.TurnEvent}s out: speech started, for barge-in; speech ended, after the
 * trailing silence).
 *
 * <p>Everything here is a pure function of the samples fed: media time is counted from them, never
 * read from a clock; no threads, no I/O, no logging. Must not import telephony, dialog or Netty;
 * whoever owns the call's audio feeds the frames and acts on the events.
 */
package dev.candor.speech.vad;
