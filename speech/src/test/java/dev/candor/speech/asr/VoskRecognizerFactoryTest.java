package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskRecognizerFactoryTest {

    @TempDir Path dir;

    @Test
    void aDirectoryWithoutAModelIsRefusedNamingIt() {
        assertThatThrownBy(() -> new VoskRecognizerFactory(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("am/final.mdl");
    }

    @Test
    void aModelVoskCannotReadFailsNamingTheDirectoryAndKeepingTheCause() throws IOException {
        Files.createDirectories(dir.resolve("am"));
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("am/final.mdl"), "not a Kaldi model");

        // Loads the real native library; the model itself is junk.
        assertThatThrownBy(() -> new VoskRecognizerFactory(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot load Vosk model from " + dir)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void loadingAMissingModelFailsWithTheLookupsExplanation() {
        ModelLookup missing = new ModelLookup.Missing("no Vosk model found; set VOSK_MODEL");

        assertThatThrownBy(() -> VoskRecognizerFactory.load(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no Vosk model found; set VOSK_MODEL");
    }
}
