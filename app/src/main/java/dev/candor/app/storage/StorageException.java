package dev.candor.app.storage;

/** A storage failure: the database cannot be opened or migrated, or a statement failed. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
