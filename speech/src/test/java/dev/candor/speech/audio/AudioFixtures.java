package dev.candor.speech.audio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The caller-audio fixtures of {@code recordings-fixtures} ({@code fixtures/audio/MANIFEST.tsv}
 * and its WAV files), read from the test class path.
 */
public final class AudioFixtures {

    static final String DIRECTORY = "fixtures/audio/";

    private AudioFixtures() {}

    /** One manifest row; start and end are empty for files without speech. */
    public record Fixture(String file, String transcript, String kind, OptionalLong speechStartMillis,
            OptionalLong speechEndMillis) {

        public boolean hasSpeech() {
            return speechStartMillis.isPresent();
        }

        public PcmAudio audio() {
            return AudioFixtures.audio(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static List<Fixture> all() {
        List<Fixture> fixtures = new ArrayList<>();
        try (InputStream in = open("MANIFEST.tsv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = lines.readLine();
            if (!"file\ttranscript\tkind\tspeech_start_ms\tspeech_end_ms".equals(header)) {
                throw new IllegalStateException("unexpected MANIFEST.tsv header: " + header);
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException("bad MANIFEST.tsv row (expected 5 fields): " + line);
                }
                fixtures.add(new Fixture(f[0], f[1], f[2], millis(f[3]), millis(f[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }

    public static List<Fixture> withSpeech() {
        return all().stream().filter(Fixture::hasSpeech).toList();
    }

    public static List<Fixture> withoutSpeech() {
        return all().stream().filter(f -> !f.hasSpeech()).toList();
    }

    public static Fixture named(String file) {
        return all().stream().filter(f -> f.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture " + file + " in MANIFEST.tsv"));
    }

    public static PcmAudio audio(String file) {
        try (InputStream in = open(file)) {
            return WavReader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = AudioFixtures.class.getClassLoader().getResourceAsStream(DIRECTORY + name);
        if (in == null) {
            throw new IllegalStateException(
                    DIRECTORY + name + " is not on the test class path (recordings-fixtures missing?)");
        }
        return in;
    }

    private static OptionalLong millis(String field) {
        return field.equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(field));
    }
}
