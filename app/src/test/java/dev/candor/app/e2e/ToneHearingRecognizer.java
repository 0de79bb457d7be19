package dev.candor.app.e2e;

import dev.candor.speech.asr.RecognitionEvent;
import dev.candor.speech.asr.RecognizerFactory;
import dev.candor.speech.asr.SpeechRecognizer;

import java.util.List;

/**
 * TEST ONLY: a stand-in for Vosk, which cannot be downloaded here. It "hears" a fixed phrase once the
 * caller has sent half a second of loud audio (a test tone), so tests can drive the real audio path
 * (RTP → G.711 → recognizer → dialog) without a model.
 */
final class ToneHearingRecognizer implements SpeechRecognizer {
    private static final int LOUD_FRAMES_FOR_A_PHRASE = 25;

    private final String phrase;
    private int loudFrames;
    private long samples;
    private boolean spoken;

    private ToneHearingRecognizer(String phrase) {
        this.phrase = phrase;
    }

    static RecognizerFactory hearing(String phrase) {
        return new RecognizerFactory() {
            @Override
            public SpeechRecognizer create(int sampleRateHz) {
                return new ToneHearingRecognizer(phrase);
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
        loudFrames = Signals.rms(pcm8k) > 1000 ? loudFrames + 1 : 0;
        if (!spoken && loudFrames >= LOUD_FRAMES_FOR_A_PHRASE) {
            spoken = true;
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
