package dev.candor.speech.asr;

import java.nio.file.Path;
import java.util.Objects;

/** The outcome of {@link VoskModelLocator#locate()}. */
public sealed interface ModelLookup permits ModelLookup.Found, ModelLookup.Missing {

    /**
     * A usable model directory.
     *
     * @param source where it came from: {@code "config"}, {@code "VOSK_MODEL"}, {@code "cache"} or
     *     {@code "download"}
     */
    record Found(Path dir, String source) implements ModelLookup {
        public Found {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(source, "source");
        }
    }

    /** No model; {@code explanation} says where the locator looked and how to fix it. */
    record Missing(String explanation) implements ModelLookup {
        public Missing {
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
