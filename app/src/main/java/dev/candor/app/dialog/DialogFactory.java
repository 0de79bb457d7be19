package dev.candor.app.dialog;

import dev.candor.app.config.CandorConfig;
import dev.candor.app.config.ConfigException;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.Conversations;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.catalog.Catalog;
import dev.candor.dialog.catalog.CatalogException;
import dev.candor.dialog.catalog.CatalogLoader;
import dev.candor.dialog.catalog.EmbeddingCatalogSearch;
import dev.candor.dialog.intent.EmbeddingIntentDetector;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/** Makes conversations the way the configuration says: same policy and guardrails for calls and chat. */
public final class DialogFactory {
    private final CandorConfig config;
    private final DialogOptions options;

    private DialogFactory(CandorConfig config, DialogOptions options) {
        this.config = config;
        this.options = options;
    }

    /**
     * Reads the catalog ({@code dialog.catalog}, or the sample) and the dialog settings, and loads the
     * embedding model once when {@code dialog.retrieval} is {@code embedding}.
     *
     * @throws ConfigException when the catalog file cannot be used, naming the key and the problem
     */
    public static DialogFactory fromConfig(CandorConfig config) {
        Objects.requireNonNull(config, "config");
        CandorConfig.DialogSettings dialog = config.dialog();
        Catalog catalog;
        try {
            catalog = dialog.catalog().isEmpty() ? CatalogLoader.sample() : CatalogLoader.load(Path.of(dialog.catalog()));
        } catch (CatalogException e) {
            throw ConfigException.invalid("dialog.catalog", "\"" + dialog.catalog() + "\"",
                    "a valid catalog: " + e.getMessage());
        }
        DialogOptions options = DialogOptions.withCatalog(catalog)
                .withTimeZone(ZoneId.of(config.company().timeZone()))
                .withThresholds(BigDecimal.valueOf(dialog.highValueAmount()), dialog.highValueSeats());
        if (dialog.retrieval().equals("embedding")) {
            EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
            options = options.withSearch(
                    new EmbeddingCatalogSearch(catalog, model, EmbeddingCatalogSearch.DEFAULT_MIN_COSINE),
                    new EmbeddingIntentDetector(model));
        }
        if (!dialog.sensitiveTopics().isEmpty()) {
            options = options.withSensitiveTopics(dialog.sensitiveTopics());
        }
        return new DialogFactory(config, options);
    }

    /** The options every conversation of this node shares. */
    public DialogOptions options() {
        return options;
    }

    /** What a conversation knows about its call. {@code speechRecognition} false offers keys instead. */
    public ConversationSettings settings(boolean speechRecognition) {
        return new ConversationSettings(config.company().name(), config.recording().enabled(), speechRecognition);
    }

    /** A new conversation for one call or chat. */
    public Conversation newConversation(Scenario scenario, boolean speechRecognition) {
        return Conversations.builtIn(settings(speechRecognition), options, scenario);
    }
}
