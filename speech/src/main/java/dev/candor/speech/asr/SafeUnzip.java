package dev.candor.speech.asr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a zip archive into an empty directory, refusing entries that would land outside it
 * (zip-slip), absolute paths, and archives that unpack to more than a byte or entry limit.
 */
final class SafeUnzip {

    private final long maxUnpackedBytes;
    private final int maxEntries;

    SafeUnzip(long maxUnpackedBytes, int maxEntries) {
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.maxEntries = maxEntries;
    }

    /** Unpacks {@code zip} into {@code target}; on failure the caller deletes {@code target}. */
    void unpack(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new IOException(
                            "archive " + zip.getFileName() + " has more than " + maxEntries + " entries");
                }
                Path destination = resolveInside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    total += copyLimited(in, destination, maxUnpackedBytes - total, entry.getName());
                }
            }
        }
        if (entries == 0) {
            throw new IOException("archive " + zip.getFileName() + " is empty or not a zip file");
        }
    }

    static Path resolveInside(Path root, String name) throws IOException {
        if (name.isEmpty()
                || name.startsWith("/")
                || name.startsWith("\\")
                || name.matches("^[A-Za-z]:.*")) {
            throw new IOException(
                    "unsafe zip entry \"" + name + "\": absolute paths are not allowed");
        }
        Path destination = root.resolve(name.replace('\\', '/')).normalize();
        if (!destination.startsWith(root) || destination.equals(root)) {
            throw new IOException(
                    "unsafe zip entry \"" + name + "\": it would unpack outside " + root);
        }
        return destination;
    }

    private long copyLimited(InputStream in, Path destination, long remaining, String name)
            throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(destination)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                written += read;
                if (written > remaining) {
                    throw new IOException(
                            "archive unpacks to more than " + maxUnpackedBytes + " bytes (limit reached at \""
                                    + name + "\")");
                }
                out.write(buffer, 0, read);
            }
        }
        return written;
    }
}
