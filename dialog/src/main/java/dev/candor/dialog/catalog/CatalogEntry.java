package dev.candor.dialog.catalog;

import java.util.Objects;

/**
 * One thing Candor can say from the catalog.
 *
 * @param matchText the text a question is compared with (question forms, names, keywords)
 * @param answer    what Candor says, at most two short sentences
 */
public record CatalogEntry(String matchText, String answer) {
    public CatalogEntry {
        Objects.requireNonNull(matchText, "matchText");
        Objects.requireNonNull(answer, "answer");
    }
}
