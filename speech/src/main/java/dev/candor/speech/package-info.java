/**
 * Speech in and out: FreeTTS synthesis ({@code tts}), Vosk recognition ({@code asr}), voice
 * activity and turn-taking ({@code vad}), WAV reading ({@code audio}) and resampling. PCM in, text
 * out and back; never imports telephony or dialog.
 */
package dev.candor.speech;
