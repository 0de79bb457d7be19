package dev.candor.speech.asr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link SpeechRecognizer} over one Vosk recognizer: one per call, not thread-safe.
 *
 * <p>Partials are reported only when their text changes. Media time is counted from the samples
 * fed: Vosk's word times are seconds since the first sample, and an utterance without word times
 * spans from the end of the previous one to the last sample fed.
 */
public final class VoskRecognizer implements SpeechRecognizer {

    private final VoskEngine engine;
    private final int sampleRateHz;
    private final VoskJson json;
    private long samplesFed;
    private long segmentStartSample;
    private String lastPartial = "";
    private boolean closed;

    VoskRecognizer(VoskEngine engine, int sampleRateHz, VoskJson json) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.json = Objects.requireNonNull(json, "json");
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException(
                    "invalid sample rate: " + sampleRateHz + " Hz (expected > 0)");
        }
        this.sampleRateHz = sampleRateHz;
    }

    @Override
    public List<RecognitionEvent> accept(short[] pcm8k) {
        Objects.requireNonNull(pcm8k, "pcm8k");
        ensureOpen();
        if (pcm8k.length == 0) {
            return List.of();
        }
        byte[] bytes = littleEndian(pcm8k);
        boolean utteranceEnded = engine.acceptWaveForm(bytes, bytes.length);
        samplesFed += pcm8k.length;
        List<RecognitionEvent> events = new ArrayList<>(1);
        if (utteranceEnded) {
            endUtterance(engine.result(), events);
        } else {
            json.partial(engine.partialResult())
                    .filter(partial -> !partial.text().equals(lastPartial))
                    .ifPresent(partial -> {
                        lastPartial = partial.text();
                        events.add(partial);
                    });
        }
        return events;
    }

    @Override
    public List<RecognitionEvent> finish() {
        ensureOpen();
        List<RecognitionEvent> events = new ArrayList<>(1);
        endUtterance(engine.finalResult(), events);
        return events;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }

    /** Media time of the end of the samples fed so far. */
    public long mediaTimeMillis() {
        return millis(samplesFed);
    }

    private void endUtterance(String result, List<RecognitionEvent> events) {
        json.finalResult(result, millis(segmentStartSample), millis(samplesFed))
                .ifPresent(events::add);
        segmentStartSample = samplesFed;
        lastPartial = "";
    }

    private long millis(long samples) {
        return samples * 1000 / sampleRateHz;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Vosk recognizer is closed");
        }
    }

    static byte[] littleEndian(short[] pcm) {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return bytes;
    }
}
