package dev.candor.app.e2e;

import dev.candor.speech.asr.RecognitionEvent;
import dev.candor.speech.asr.RecognizerFactory;
import dev.candor.speech.asr.SpeechRecognizer;
import dev.candor.speech.vad.EndpointDetector;
import dev.candor.speech.vad.TurnEvent;
import dev.candor.telephony.media.G711;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * TEST ONLY: a recognizer double for benchmarks. It tells which fixture the caller is sending by the
 * exact G.711-decoded frames it hears (each loud frame of every fixture, after a PCMA and a PCMU round
 * trip, is looked up by content), and returns that fixture's transcript (MANIFEST.tsv) as a
 * {@link RecognitionEvent.Final} the moment its own {@link EndpointDetector} closes the utterance. That
 * detector has the default configuration, like the call's, and sees the same frames, so the final comes
 * on the frame where the call's endpointer says the caller stopped: no recognizer time is added.
 */
final class FixtureRecognizer implements SpeechRecognizer {
    private static final double LOUD_RMS = 300;

    private final Map<Integer, String> transcriptByFrame;
    private final EndpointDetector endpointer = new EndpointDetector();
    private final Map<String, Integer> votes = new HashMap<>();

    private FixtureRecognizer(Map<Integer, String> transcriptByFrame) {
        this.transcriptByFrame = transcriptByFrame;
    }

    /** One fixture utterance: its 8 kHz samples and what MANIFEST.tsv says is spoken, and when. */
    record Fixture(String file, String transcript, short[] pcm8k, int speechStartMillis, int speechEndMillis) {
        Fixture {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(transcript, "transcript");
            Objects.requireNonNull(pcm8k, "pcm8k");
        }
    }

    static RecognizerFactory hearing(List<Fixture> fixtures) {
        Map<Integer, String> byFrame = new HashMap<>();
        Map<Integer, Boolean> ambiguous = new HashMap<>();
        for (Fixture f : fixtures) {
            for (int at = 0; at + 160 <= f.pcm8k().length; at += 160) {
                short[] frame = Arrays.copyOfRange(f.pcm8k(), at, at + 160);
                if (Signals.rms(frame) < LOUD_RMS) {
                    continue;
                }
                for (G711.Law law : G711.Law.values()) {
                    int key = Arrays.hashCode(law.decode(law.encode(frame), 0, 160));
                    String before = byFrame.putIfAbsent(key, f.transcript());
                    if (before != null && !before.equals(f.transcript())) {
                        ambiguous.put(key, true);
                    }
                }
            }
        }
        ambiguous.keySet().forEach(byFrame::remove);
        Map<Integer, String> table = Map.copyOf(byFrame);
        return new RecognizerFactory() {
            @Override
            public SpeechRecognizer create(int sampleRateHz) {
                return new FixtureRecognizer(table);
            }

            @Override
            public String describe() {
                return "test-only fixture-transcript recognizer";
            }
        };
    }

    @Override
    public List<RecognitionEvent> accept(short[] pcm8k) {
        String heard = transcriptByFrame.get(Arrays.hashCode(pcm8k));
        if (heard != null) {
            votes.merge(heard, 1, Integer::sum);
        }
        for (TurnEvent event : endpointer.accept(pcm8k)) {
            if (event instanceof TurnEvent.SpeechEnded ended && !votes.isEmpty()) {
                String transcript = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                votes.clear();
                long end = ended.atMillis();
                return List.of(new RecognitionEvent.Final(transcript, 0.95, end - ended.durationMillis(), end, List.of()));
            }
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
