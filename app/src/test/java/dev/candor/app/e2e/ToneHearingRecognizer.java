package dev.candor.app.e2e;

import dev.candor.speech.asr.RecognitionEvent;
import dev.candor.speech.asr.RecognizerFactory;
import dev.candor.speech.asr.SpeechRecognizer;

import java.util.List;

/**
 * TEST ONLY: a stand-in for Vosk, which cannot be downloaded here. It "hears" a fixed phrase once the
 * caller has sent half a second of loud audio (a test tone), so tests can drive the real audio path
 * (RTP → G.711 → recognizer → dialog) without a model. Given several phrases, it hears the next one
 * each time the caller is loud again after a pause.
 */
final class ToneHearingRecognizer implements SpeechRecognizer {
    private static final int LOUD_FRAMES_FOR_A_PHRASE = 25;

    private final List<String> phrases;
    private int loudFrames;
    private long samples;
    private int spoken;
    private boolean waitingForQuiet;

    private ToneHearingRecognizer(List<String> phrases) {
        this.phrases = phrases;
    }

    static RecognizerFactory hearing(String... phrases) {
        return new RecognizerFactory() {
            @Override
            public SpeechRecognizer create(int sampleRateHz) {
                return new ToneHearingRecognizer(List.of(phrases));
            }

            @Override
            public String describe() {
                return "test-only tone-hearing recognizer";
            }
        };
    }

    @Override
    public List<RecognitionEvent> accept(short[] pcm8k) {
        samples += pcm8k.length;
        boolean loud = Signals.rms(pcm8k) > 1000;
        waitingForQuiet &= loud;
        loudFrames = loud && !waitingForQuiet ? loudFrames + 1 : 0;
        if (spoken < phrases.size() && loudFrames >= LOUD_FRAMES_FOR_A_PHRASE) {
            String phrase = phrases.get(spoken++);
            waitingForQuiet = true;
            loudFrames = 0;
            long end = samples / 8;
            return List.of(new RecognitionEvent.Final(phrase, 0.9, end - 500, end, List.of()));
        }
        return List.of();
    }

    @Override
    public List<RecognitionEvent> finish() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
