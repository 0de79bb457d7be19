package dev.candor.speech.asr;

import java.util.Objects;
import org.vosk.Recognizer;

/** {@link VoskEngine} backed by a native {@code org.vosk.Recognizer}. */
final class VoskNativeEngine implements VoskEngine {

    private final Recognizer recognizer;

    VoskNativeEngine(Recognizer recognizer) {
        this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    }

    @Override
    public boolean acceptWaveForm(byte[] data, int length) {
        return recognizer.acceptWaveForm(data, length);
    }

    @Override
    public String result() {
        return recognizer.getResult();
    }

    @Override
    public String partialResult() {
        return recognizer.getPartialResult();
    }

    @Override
    public String finalResult() {
        return recognizer.getFinalResult();
    }

    @Override
    public void close() {
        recognizer.close();
    }
}
