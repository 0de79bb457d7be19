package dev.candor.dialog.intent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The labelled utterance sets in {@code recordings-fixtures}: one utterance a line, {@code #} comments. */
final class LabelledUtterances {
    private LabelledUtterances() {
    }

    static List<String> read(String name) {
        String resource = "/fixtures/intents/" + name;
        try (InputStream in = LabelledUtterances.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
