package dev.candor.speech.tts;

/**
 * Receives a reply's audio one sentence at a time from {@link
 * SpeechSynthesizer#synthesizeStreaming}. It should hand the audio on (to a playback queue) and
 * return promptly: the next sentence is synthesised only after it returns.
 */
@FunctionalInterface
public interface SentenceSink {

    /**
     * Takes one sentence. Returning {@code false} stops the stream (the caller barged in): no
     * further sentence is synthesised.
     */
    boolean accept(SentenceAudio sentence);
}
