package dev.candor.dialog.catalog;

import java.util.Optional;

/** Finds the catalog entry that answers a caller's question, or nothing when none is close enough. */
public interface CatalogSearch {

    Optional<Match> answer(String question);

    /** An entry and how close it was (0-1; what counts as close depends on the search). */
    record Match(CatalogEntry entry, double score) {
    }
}
