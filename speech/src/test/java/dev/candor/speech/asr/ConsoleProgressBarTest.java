package dev.candor.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

    @Test
    void drawsAHalfFullBarWithPercentAndMegabytes() {
        assertThat(ConsoleProgressBar.render(20_000_000, 40_000_000))
                .isEqualTo("[###############---------------]  50%  20.0/40.0 MB");
    }

    @Test
    void drawsOnlyBytesWhenTheTotalIsUnknown() {
        assertThat(ConsoleProgressBar.render(1_500_000, -1)).endsWith("] 1.5 MB");
    }

    @Test
    void redrawsInPlaceOnlyWhenTheLineChangesAndEndsTheLineWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        bar.onProgress(10, 100_000_000);
        bar.onProgress(11, 100_000_000);
        bar.onProgress(100_000_000, 100_000_000);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.split("\r", -1)).hasSize(3); // two draws
        assertThat(out).endsWith("100%  100.0/100.0 MB" + System.lineSeparator());
    }
}
