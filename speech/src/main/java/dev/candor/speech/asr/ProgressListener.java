package dev.candor.speech.asr;

/** Hears how far a download has got. Called on the downloading thread. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param bytesRead bytes received so far
     * @param totalBytes the announced size, or -1 when the server did not say
     */
    void onProgress(long bytesRead, long totalBytes);

    /** A listener that ignores progress. */
    static ProgressListener silent() {
        return (bytesRead, totalBytes) -> {};
    }
}
