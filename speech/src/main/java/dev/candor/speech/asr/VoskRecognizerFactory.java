package dev.candor.speech.asr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Loads one Vosk model and makes a recognizer per call from it. The model is shared by every
 * recognizer and freed by {@link #close()}, after the recognizers using it are closed.
 * Thread-safe.
 */
public final class VoskRecognizerFactory implements RecognizerFactory, AutoCloseable {

    private final Path modelDir;
    private final String source;
    private final Model model;
    private final VoskJson json = new VoskJson();
    private volatile boolean closed;

    /**
     * Loads the model in {@code modelDir}.
     *
     * @throws IllegalStateException naming the directory when Vosk cannot load it
     */
    public VoskRecognizerFactory(Path modelDir) {
        this(modelDir, "path");
    }

    private VoskRecognizerFactory(Path modelDir, String source) {
        this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
        this.source = Objects.requireNonNull(source, "source");
        if (!VoskModelLocator.isModelDirectory(modelDir)) {
            throw new IllegalStateException(
                    "not a Vosk model directory: " + modelDir
                            + " (expected am/final.mdl or final.mdl, and conf/, inside it)");
        }
        try {
            this.model = new Model(modelDir.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Vosk model from " + modelDir, e);
        }
    }

    /**
     * Loads the model a {@link VoskModelLocator} found.
     *
     * @throws IllegalStateException with the lookup's explanation when the model is missing
     */
    public static VoskRecognizerFactory load(ModelLookup lookup) {
        Objects.requireNonNull(lookup, "lookup");
        if (lookup instanceof ModelLookup.Found found) {
            return new VoskRecognizerFactory(found.dir(), found.source());
        }
        throw new IllegalStateException(((ModelLookup.Missing) lookup).explanation());
    }

    @Override
    public SpeechRecognizer create(int sampleRateHz) {
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException(
                    "invalid sample rate: " + sampleRateHz + " Hz (expected > 0)");
        }
        if (closed) {
            throw new IllegalStateException("Vosk model " + modelDir + " is closed");
        }
        Recognizer recognizer;
        try {
            recognizer = new Recognizer(model, sampleRateHz);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot create a Vosk recognizer at " + sampleRateHz + " Hz for " + modelDir, e);
        }
        recognizer.setWords(true);
        recognizer.setPartialWords(true);
        return new VoskRecognizer(new VoskNativeEngine(recognizer), sampleRateHz, json);
    }

    @Override
    public String describe() {
        return "Vosk model " + modelDir + " (from " + source + ")";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
