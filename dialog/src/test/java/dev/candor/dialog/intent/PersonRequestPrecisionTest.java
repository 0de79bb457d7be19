package dev.candor.dialog.intent;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The person-request detector on the labelled set: at least 150 ways of asking for a person and 150
 * near misses. Requires recall ≥ 0.98 and false positives ≤ 2%, and prints both.
 */
class PersonRequestPrecisionTest {
    private static List<String> requests;
    private static List<String> nearMisses;

    @BeforeAll
    static void readLabelledSet() {
        requests = LabelledUtterances.read("person-requests.txt");
        nearMisses = LabelledUtterances.read("near-misses.txt");
    }

    @Test
    void labelledSetIsLargeEnough() {
        assertThat(requests).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
        assertThat(nearMisses).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
    }

    @Test
    void lexiconRecallAtLeast98PercentWithAtMost2PercentFalsePositives() {
        assertMeetsThresholds(IntentDetector.lexicon(), "lexicon");
    }

    @Test
    void lexiconWithEmbeddingSimilarityMeetsTheSameThresholds() {
        IntentDetector detector = new EmbeddingIntentDetector(new AllMiniLmL6V2QuantizedEmbeddingModel());
        assertMeetsThresholds(detector, "lexicon + embeddings");
        report(detector, "lexicon + embeddings");
    }

    @Test
    void heldOutSetWrittenAfterTheRulesIsReported() {
        report(IntentDetector.lexicon(), "lexicon");
    }

    private static void report(IntentDetector detector, String label) {
        List<String> heldOutRequests = LabelledUtterances.read("held-out-person-requests.txt");
        List<String> heldOutMisses = LabelledUtterances.read("held-out-near-misses.txt");
        List<String> missed = heldOutRequests.stream().filter(u -> !detector.is(u, Intent.PERSON_REQUEST)).toList();
        List<String> falsePositives = heldOutMisses.stream().filter(u -> detector.is(u, Intent.PERSON_REQUEST)).toList();
        System.out.printf("held-out person requests (" + label + "): recall %.3f (missed %s), false positives %.3f (%s)%n",
                1 - (double) missed.size() / heldOutRequests.size(), missed,
                (double) falsePositives.size() / heldOutMisses.size(), falsePositives);
    }

    static void assertMeetsThresholds(IntentDetector detector, String label) {
        List<String> missed = requests.stream().filter(u -> !detector.is(u, Intent.PERSON_REQUEST)).toList();
        List<String> falsePositives = nearMisses.stream().filter(u -> detector.is(u, Intent.PERSON_REQUEST)).toList();
        int truePositives = requests.size() - missed.size();
        double recall = (double) truePositives / requests.size();
        double precision = (double) truePositives / (truePositives + falsePositives.size());
        double falsePositiveRate = (double) falsePositives.size() / nearMisses.size();
        System.out.printf("person requests (%s): recall %.3f (%d/%d), precision %.3f, false positives %.3f (%d/%d)%n",
                label, recall, truePositives, requests.size(), precision, falsePositiveRate,
                falsePositives.size(), nearMisses.size());

        assertThat(recall).as("recall; missed: %s", missed).isGreaterThanOrEqualTo(0.98);
        assertThat(falsePositiveRate).as("false-positive rate; wrongly taken as requests: %s", falsePositives)
                .isLessThanOrEqualTo(0.02);
    }
}
