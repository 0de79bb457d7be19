package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LeadingSilenceTest {

    @Test
    void cutsLongLeadingSilenceDownToFiftyMilliseconds() {
        short[] pcm = new short[16_000];
        Arrays.fill(pcm, 8000, 16_000, (short) 5000); // 500 ms of silence, then sound

        short[] trimmed = LeadingSilence.trim(pcm, 16_000, 50);

        assertThat(trimmed).hasSize(8000 + 800);
        assertThat(trimmed[799]).isZero();
        assertThat(trimmed[800]).isEqualTo((short) 5000);
    }

    @Test
    void keepsShortLeadingSilence() {
        short[] pcm = new short[1600];
        Arrays.fill(pcm, 480, 1600, (short) 5000); // 30 ms of silence

        assertThat(LeadingSilence.trim(pcm, 16_000, 50)).isSameAs(pcm);
    }

    @Test
    void leavesAllSilentAudioAlone() {
        short[] pcm = new short[4000];

        assertThat(LeadingSilence.trim(pcm, 8000, 50)).isSameAs(pcm);
    }
}
