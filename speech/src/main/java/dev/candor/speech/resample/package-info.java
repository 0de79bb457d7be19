/**
 * Sample-rate conversion of signed 16-bit mono PCM: a streaming polyphase FIR {@link
 * dev.candor.speech.resample.Resampler} with a Kaiser-windowed sinc anti-aliasing filter.
 *
 * <p>Pure computation: no I/O, no threads, no engines. Must not import telephony, dialog or any
 * speech engine.
 */
package dev.candor.speech.resample;
