/**
 * Speech in and out: FreeTTS synthesis, Vosk recognition and resampling. PCM in, text out and back;
 * never imports telephony or dialog.
 */
package dev.candor.speech;
