package dev.candor.dialog.intent;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The lexicon together with embedding similarity: when the words alone find no request for a person,
 * the utterance is compared with example requests and example non-requests; it counts as a request
 * when its nearest request is close ({@link #MIN_COSINE}) and closer than any non-request by
 * {@link #MARGIN}. Catches wordings the lexicon has never seen ("any humans around?").
 */
public final class EmbeddingIntentDetector implements IntentDetector {
    public static final double MIN_COSINE = 0.75;
    public static final double MARGIN = 0.05;
    private static final String EXAMPLES = "/dev/candor/dialog/intent/person-request-examples.txt";
    private final IntentDetector lexicon = IntentDetector.lexicon();
    private final EmbeddingModel model;
    private final List<Embedding> requests = new ArrayList<>();
    private final List<Embedding> others = new ArrayList<>();

    public EmbeddingIntentDetector(EmbeddingModel model) {
        this.model = Objects.requireNonNull(model, "model");
        List<String> person = new ArrayList<>();
        List<String> other = new ArrayList<>();
        List<String> current = person;
        for (String line : readExamples()) {
            if (line.equals("[person]")) {
                current = person;
            } else if (line.equals("[other]")) {
                current = other;
            } else {
                current.add(line);
            }
        }
        requests.addAll(embed(person));
        others.addAll(embed(other));
    }

    @Override
    public Set<Intent> detect(String utterance) {
        Set<Intent> intents = lexicon.detect(utterance);
        if (intents.contains(Intent.PERSON_REQUEST) || intents.contains(Intent.ASKS_IF_HUMAN)
                || intents.contains(Intent.STOP_CALLING) || utterance.isBlank()) {
            return intents;
        }
        Embedding e = model.embed(utterance).content();
        double request = nearest(e, requests);
        if (request >= MIN_COSINE && request - nearest(e, others) >= MARGIN) {
            intents.add(Intent.PERSON_REQUEST);
        }
        return intents;
    }

    private static double nearest(Embedding e, List<Embedding> examples) {
        double best = -1;
        for (Embedding x : examples) {
            best = Math.max(best, CosineSimilarity.between(e, x));
        }
        return best;
    }

    private List<Embedding> embed(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    }

    private static List<String> readExamples() {
        try (InputStream in = EmbeddingIntentDetector.class.getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + EXAMPLES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
