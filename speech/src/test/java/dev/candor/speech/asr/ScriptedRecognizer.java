package dev.candor.speech.asr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TEST-ONLY recognizer that ignores the audio and "hears" scripted utterances at scripted media
 * times: a {@link RecognitionEvent.Partial} with the first word once the audio fed passes an
 * utterance's start, its {@link RecognitionEvent.Final} once it passes the end. Never use outside
 * tests: it recognises nothing.
 */
final class ScriptedRecognizer implements SpeechRecognizer {

    /** One scripted utterance; its words share the time span evenly. */
    record Line(String text, double confidence, long startMillis, long endMillis) {
        Line {
            Objects.requireNonNull(text, "text");
        }
    }

    private final int sampleRateHz;
    private final List<Line> script;
    private long samplesFed;
    private int next;
    private boolean partialSent;
    private boolean closed;

    ScriptedRecognizer(int sampleRateHz, List<Line> script) {
        this.sampleRateHz = sampleRateHz;
        this.script = List.copyOf(script);
    }

    @Override
    public List<RecognitionEvent> accept(short[] pcm8k) {
        Objects.requireNonNull(pcm8k, "pcm8k");
        ensureOpen();
        samplesFed += pcm8k.length;
        long now = samplesFed * 1000 / sampleRateHz;
        List<RecognitionEvent> events = new ArrayList<>();
        while (next < script.size() && now >= script.get(next).startMillis()) {
            Line line = script.get(next);
            if (now >= line.endMillis()) {
                events.add(finalOf(line, line.endMillis()));
            } else {
                if (!partialSent) {
                    events.add(new RecognitionEvent.Partial(line.text().split(" ")[0]));
                    partialSent = true;
                }
                break;
            }
        }
        return events;
    }

    @Override
    public List<RecognitionEvent> finish() {
        ensureOpen();
        long now = samplesFed * 1000 / sampleRateHz;
        if (next < script.size() && now >= script.get(next).startMillis()) {
            return List.of(finalOf(script.get(next), now));
        }
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
    }

    private RecognitionEvent.Final finalOf(Line line, long endMillis) {
        next++;
        partialSent = false;
        String[] words = line.text().split(" ");
        long span = (endMillis - line.startMillis()) / words.length;
        List<Word> timed = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            long start = line.startMillis() + i * span;
            timed.add(new Word(words[i], line.confidence(), start, start + span));
        }
        return new RecognitionEvent.Final(
                line.text(), line.confidence(), line.startMillis(), endMillis, timed);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("scripted recognizer is closed");
        }
    }
}
