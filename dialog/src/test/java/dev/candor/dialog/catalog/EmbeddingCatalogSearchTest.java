package dev.candor.dialog.catalog;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Retrieval over the sample catalog with the bundled embedding model, offline. */
class EmbeddingCatalogSearchTest {
    private static EmbeddingCatalogSearch search;

    @BeforeAll
    static void indexTheSampleCatalog() {
        search = new EmbeddingCatalogSearch(CatalogLoader.sample(), new AllMiniLmL6V2QuantizedEmbeddingModel(),
                EmbeddingCatalogSearch.DEFAULT_MIN_COSINE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "can I try it before paying|14-day free trial",
            "what does the team package cost per person|Team plan is $59",
            "is my information kept on your cloud|On your own servers",
            "can I stop my subscription whenever I want|cancelled at any time",
            "does it hook into our CRM|Salesforce and HubSpot",
            "do I get money off if I pay yearly|15% off",
            "how quickly can we get going|same day",
            "does it speak spanish|English today"})
    void paraphrasedQuestionsFindTheirAnswer(String question, String expected) {
        assertThat(search.answer(question)).as(question).hasValueSatisfying(
                m -> assertThat(m.entry().answer()).contains(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"do you have a warehouse in Ohio", "what is the capital of France",
            "can you recommend a good pizza place", "will it rain tomorrow"})
    void unrelatedQuestionsFindNothing(String question) {
        assertThat(search.answer(question)).as(question).isEmpty();
    }
}
