package dev.candor.app.http;

/** An error answered as {@code {"error": message}} with a status code. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
