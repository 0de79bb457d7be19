/**
 * Text to speech: the {@link dev.candor.speech.tts.SpeechSynthesizer} boundary, its FreeTTS
 * engine (captured in memory, never touching a sound device) and a {@link
 * dev.candor.speech.tts.PromptCache} for fixed prompts.
 *
 * <p>Output is signed 16-bit mono PCM at the rate the synthesizer reports. Must not import
 * telephony or dialog.
 */
package dev.candor.speech.tts;
