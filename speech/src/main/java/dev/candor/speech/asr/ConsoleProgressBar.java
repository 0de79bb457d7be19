package dev.candor.speech.asr;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws a one-line text progress bar, redrawn in place with a carriage return, e.g. {@code
 * [##########----------]  50%  20.3/40.6 MB}. Redraws only when the shown value changes.
 */
public final class ConsoleProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String lastLine = "";

    /** A bar on standard error. */
    public ConsoleProgressBar() {
        this(System.err);
    }

    public ConsoleProgressBar(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized void onProgress(long bytesRead, long totalBytes) {
        String line = render(bytesRead, totalBytes);
        if (!line.equals(lastLine)) {
            lastLine = line;
            out.print("\r" + line);
            if (totalBytes > 0 && bytesRead >= totalBytes) {
                out.println();
            }
            out.flush();
        }
    }

    static String render(long bytesRead, long totalBytes) {
        if (totalBytes <= 0) {
            return String.format(Locale.ROOT, "[%s] %.1f MB", "?".repeat(WIDTH), megabytes(bytesRead));
        }
        long clamped = Math.min(bytesRead, totalBytes);
        int filled = (int) (WIDTH * clamped / totalBytes);
        int percent = (int) (100 * clamped / totalBytes);
        return String.format(Locale.ROOT, 
                "[%s%s] %3d%%  %.1f/%.1f MB",
                "#".repeat(filled), "-".repeat(WIDTH - filled), percent,
                megabytes(bytesRead), megabytes(totalBytes));
    }

    private static double megabytes(long bytes) {
        return bytes / 1_000_000.0;
    }
}
