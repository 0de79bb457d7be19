/**
 * Text to speech: the {@link dev.candor.speech.tts.SpeechSynthesizer} boundary, its FreeTTS
 * engine (captured in memory, never touching a sound device), a {@link
 * dev.candor.speech.tts.PromptCache} for fixed prompts, and sentence-by-sentence streaming of
 * replies: {@link dev.candor.speech.tts.SentenceSplitter} cuts the text, {@link
 * dev.candor.speech.tts.SpeechSynthesizer#synthesizeStreaming} hands each sentence's audio to a
 * {@link dev.candor.speech.tts.SentenceSink} as soon as it is ready, and {@link
 * dev.candor.speech.tts.SpeechStream} runs that on an executor for a media clock to poll and for
 * barge-in to cancel.
 *
 * <p>Output is signed 16-bit mono PCM at the rate the synthesizer reports. Must not import
 * telephony or dialog.
 */
package dev.candor.speech.tts;
