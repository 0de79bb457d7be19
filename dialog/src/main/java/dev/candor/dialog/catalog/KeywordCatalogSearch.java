package dev.candor.dialog.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Word-overlap search, weighted by how rare a word is in the catalog (idf), with a few synonyms
 * ("cost" ~ "price"). Needs no model; the fallback when the embedding search is not loaded.
 */
public final class KeywordCatalogSearch implements CatalogSearch {
    private static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "do", "does", "you", "your",
            "i", "we", "it", "to", "of", "and", "or", "for", "in", "on", "what", "how", "can", "there", "any",
            "me", "my", "our", "be", "with", "that", "this", "about", "tell", "please", "so", "much", "have", "at");
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("cost", "price"), Map.entry("costs", "price"), Map.entry("pricing", "price"),
            Map.entry("prices", "price"), Map.entry("charge", "price"), Map.entry("fee", "price"),
            Map.entry("expensive", "price"), Map.entry("trial", "trial"), Map.entry("cancel", "cancel"),
            Map.entry("cancelled", "cancel"), Map.entry("stored", "store"), Map.entry("storage", "store"),
            Map.entry("discounts", "discount"), Map.entry("deal", "discount"), Map.entry("cheaper", "discount"),
            Map.entry("plans", "plan"), Map.entry("integrate", "integration"), Map.entry("integrates", "integration"),
            Map.entry("connectors", "integration"), Map.entry("connector", "integration"),
            Map.entry("languages", "language"), Map.entry("features", "feature"), Map.entry("seats", "seat"));
    private final List<CatalogEntry> entries;
    private final List<Set<String>> entryWords;
    private final Map<String, Double> idf = new HashMap<>();
    private final double threshold;

    /** @param threshold the least score (0-1, share of the question's weight matched) that counts */
    public KeywordCatalogSearch(Catalog catalog, double threshold) {
        this.entries = catalog.entries();
        this.entryWords = entries.stream().map(e -> words(e.matchText() + " " + e.answer())).toList();
        this.threshold = threshold;
        Map<String, Integer> df = new HashMap<>();
        entryWords.forEach(ws -> ws.forEach(w -> df.merge(w, 1, Integer::sum)));
        df.forEach((w, n) -> idf.put(w, Math.log(1.0 + (double) entries.size() / n)));
    }

    @Override
    public Optional<Match> answer(String question) {
        Set<String> q = words(question);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        double total = q.stream().mapToDouble(w -> idf.getOrDefault(w, Math.log(1.0 + entries.size()))).sum();
        Match best = null;
        for (int i = 0; i < entries.size(); i++) {
            double hit = 0;
            for (String w : q) {
                if (entryWords.get(i).contains(w)) {
                    hit += idf.get(w);
                }
            }
            double score = hit / total;
            if (best == null || score > best.score()) {
                best = new Match(entries.get(i), score);
            }
        }
        return best != null && best.score() >= threshold ? Optional.of(best) : Optional.empty();
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.isEmpty() || STOP.contains(w)) {
                continue;
            }
            String s = SYNONYMS.getOrDefault(w, w);
            words.add(s.length() > 4 && s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
        }
        return words;
    }
}
