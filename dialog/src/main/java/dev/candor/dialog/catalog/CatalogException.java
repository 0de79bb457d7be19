package dev.candor.dialog.catalog;

/** A catalog file that cannot be used; the message names the file, the entry and the expectation. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }
}
