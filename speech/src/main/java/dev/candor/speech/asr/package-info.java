/**
 * Speech to text: the streaming {@link dev.candor.speech.asr.SpeechRecognizer} boundary and its
 * typed {@link dev.candor.speech.asr.RecognitionEvent}s, the Vosk engine, and finding or
 * downloading a Vosk model ({@link dev.candor.speech.asr.VoskModelLocator}, {@link
 * dev.candor.speech.asr.ModelDownloader}).
 *
 * <p>Threads: {@link dev.candor.speech.asr.RecognitionPool} is the bounded worker pool recognition
 * runs on (sized to the cores, a limit on open streams); each call feeds its own recognizer through
 * a {@link dev.candor.speech.asr.RecognitionStream}, whose {@code offer} only queues a frame, so the
 * media clock and the event loops never run an engine.
 *
 * <p>Event times are media time: milliseconds since the stream's first sample, derived from
 * samples fed, never from the wall clock. Must not import telephony or dialog.
 */
package dev.candor.speech.asr;
