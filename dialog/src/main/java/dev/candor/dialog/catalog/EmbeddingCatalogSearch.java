package dev.candor.dialog.catalog;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retrieval with an in-process embedding model (all-MiniLM-L6-v2, quantised, bundled in its jar: no
 * network) and an in-memory store. Each catalog entry is indexed twice, by its question forms and by
 * its answer; a caller's question gets the closest entry if its cosine similarity reaches the
 * threshold, otherwise nothing, and Candor says it does not know.
 */
public final class EmbeddingCatalogSearch implements CatalogSearch {
    /**
     * Cosine similarity below which an entry is not taken as the answer. On the sample catalog,
     * paraphrased questions scored 0.49-0.97 against their entry and unrelated ones at most 0.32.
     */
    public static final double DEFAULT_MIN_COSINE = 0.40;
    private final EmbeddingModel model;
    private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    private final List<CatalogEntry> entries;
    private final double minCosine;

    public EmbeddingCatalogSearch(Catalog catalog, EmbeddingModel model, double minCosine) {
        this.model = Objects.requireNonNull(model, "model");
        this.entries = catalog.entries();
        this.minCosine = minCosine;
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            segments.add(TextSegment.from(entries.get(i).matchText(), meta(i)));
            segments.add(TextSegment.from(entries.get(i).answer(), meta(i)));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        store.addAll(embeddings, segments);
    }

    @Override
    public Optional<Match> answer(String question) {
        if (question.isBlank()) {
            return Optional.empty();
        }
        Embedding query = model.embed(question).content();
        // The store scores relevance as (cosine + 1) / 2.
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(query).maxResults(1).minScore((minCosine + 1) / 2).build()).matches();
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        EmbeddingMatch<TextSegment> best = matches.get(0);
        int index = best.embedded().metadata().getInteger("entry");
        return Optional.of(new Match(entries.get(index), best.score() * 2 - 1));
    }

    private static dev.langchain4j.data.document.Metadata meta(int index) {
        return new dev.langchain4j.data.document.Metadata().put("entry", index);
    }
}
