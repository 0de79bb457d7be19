package dev.candor.speech.asr;

/** Makes one {@link SpeechRecognizer} per call from a shared engine. Thread-safe. */
public interface RecognizerFactory {

    SpeechRecognizer create(int sampleRateHz);

    /** One line for logs and the console, e.g. which model is loaded and from where. */
    String describe();
}
