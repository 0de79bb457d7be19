package dev.candor.dialog;

import dev.candor.dialog.catalog.Catalog;
import dev.candor.dialog.catalog.CatalogLoader;
import dev.candor.dialog.catalog.CatalogSearch;
import dev.candor.dialog.catalog.KeywordCatalogSearch;
import dev.candor.dialog.intent.IntentDetector;

import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything the built-in policy needs besides {@link ConversationSettings}: the catalog and how it is
 * searched, the intent detector, the caller's time zone and a clock, handoff thresholds and the
 * sensitive topics. Build it once per node (the search and detector may hold an embedding model) and
 * share it between calls; it is immutable.
 *
 * @param highValueAmount a stated budget or deal value at or above this hands off as {@code high_value}
 * @param highValueSeats  a seat count at or above this hands off as {@code high_value}
 * @param sensitiveTopics phrases that hand off as {@code sensitive_topic} (lower case)
 */
public record DialogOptions(Catalog catalog, CatalogSearch catalogSearch, IntentDetector intents, ZoneId timeZone,
                            InstantSource clock, BigDecimal highValueAmount, int highValueSeats,
                            List<String> sensitiveTopics) {

    /** The default sensitive topics: legal threats, medical matters, safety, fraud, data breaches. */
    public static final List<String> DEFAULT_SENSITIVE_TOPICS = List.of("lawyer", "attorney", "solicitor", "sue",
            "suing", "lawsuit", "legal action", "court", "medical", "doctor", "diagnosis", "prescription",
            "hospital", "suicide", "self harm", "kill myself", "police", "fraud", "data breach", "hacked",
            "discrimination", "harassment");
    /** Keyword search accepts a match covering this share of the question's weight. */
    public static final double KEYWORD_THRESHOLD = 0.45;

    public DialogOptions {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(catalogSearch, "catalogSearch");
        Objects.requireNonNull(intents, "intents");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(highValueAmount, "highValueAmount");
        if (highValueSeats < 1) {
            throw new IllegalArgumentException("invalid highValueSeats: " + highValueSeats + " (expected 1 or more)");
        }
        sensitiveTopics = List.copyOf(sensitiveTopics);
    }

    /** The sample catalog with keyword search, lexicon intents, UTC, the system clock, 50,000 and 100 seats. */
    public static DialogOptions defaults() {
        return withCatalog(CatalogLoader.sample());
    }

    /** As {@link #defaults()} with another catalog. */
    public static DialogOptions withCatalog(Catalog catalog) {
        return new DialogOptions(catalog, new KeywordCatalogSearch(catalog, KEYWORD_THRESHOLD), IntentDetector.lexicon(),
                ZoneId.of("UTC"), InstantSource.system(), new BigDecimal("50000"), 100, DEFAULT_SENSITIVE_TOPICS);
    }

    public DialogOptions withTimeZone(ZoneId zone) {
        return new DialogOptions(catalog, catalogSearch, intents, zone, clock, highValueAmount, highValueSeats,
                sensitiveTopics);
    }

    public DialogOptions withClock(InstantSource instantSource) {
        return new DialogOptions(catalog, catalogSearch, intents, timeZone, instantSource, highValueAmount,
                highValueSeats, sensitiveTopics);
    }

    public DialogOptions withThresholds(BigDecimal amount, int seats) {
        return new DialogOptions(catalog, catalogSearch, intents, timeZone, clock, amount, seats, sensitiveTopics);
    }

    public DialogOptions withSensitiveTopics(List<String> topics) {
        return new DialogOptions(catalog, catalogSearch, intents, timeZone, clock, highValueAmount, highValueSeats,
                topics);
    }

    public DialogOptions withSearch(CatalogSearch search, IntentDetector detector) {
        return new DialogOptions(catalog, search, detector, timeZone, clock, highValueAmount, highValueSeats,
                sensitiveTopics);
    }
}
