package dev.candor.app.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhisperTest {
    private static final String SUMMARY = "An unidentified caller (inbound call to Northwind Test), need not stated yet. "
            + "BANT: no BANT details yet; lead score 0. Handed over because the caller pressed 0 to ask for a person.";

    @Test
    void theReasonComesFirstAndWholeSentencesFollowWhileTheyFit() {
        String whisper = HandoffFlow.whisper(SUMMARY);

        assertThat(whisper).isEqualTo("Call from Candor. Handed over because the caller pressed 0 to ask for a person. "
                + "An unidentified caller (inbound call to Northwind Test), need not stated yet.");
        assertThat(whisper.split("\\s+")).hasSizeLessThanOrEqualTo(HandoffFlow.WHISPER_MAX_WORDS);
    }

    @Test
    void aShortSummaryIsSpokenWhole() {
        assertThat(HandoffFlow.whisper("Jo from Acme wants pricing. Handed over because they asked."))
                .isEqualTo("Call from Candor. Handed over because they asked. Jo from Acme wants pricing.");
    }

    @Test
    void anOverlongSentenceIsCutToTheLimit() {
        String longSentence = "Handed over because " + "very ".repeat(40) + "upset.";
        String whisper = HandoffFlow.whisper(longSentence);
        assertThat(whisper.split("\\s+")).hasSize(HandoffFlow.WHISPER_MAX_WORDS);
        assertThat(whisper).endsWith(".");
    }
}
