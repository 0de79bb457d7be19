/**
 * Audio containers: reading signed 16-bit PCM out of WAV files ({@link
 * dev.candor.speech.audio.WavReader}), with header errors that name the bad field.
 *
 * <p>Pure byte parsing: no sound devices, no {@code javax.sound}, no telephony.
 */
package dev.candor.speech.audio;
