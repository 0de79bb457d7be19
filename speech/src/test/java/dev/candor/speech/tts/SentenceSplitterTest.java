package dev.candor.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsAtFullStopsQuestionAndExclamationMarks() {
        assertThat(SentenceSplitter.split("Thanks for calling. How can I help? Great!"))
                .containsExactly("Thanks for calling.", "How can I help?", "Great!");
    }

    @Test
    void abbreviationsDoNotEndASentence() {
        assertThat(SentenceSplitter.split("Mr. Jones and Dr. Smith will call, e.g. at 9 a.m. tomorrow. Bye."))
                .containsExactly("Mr. Jones and Dr. Smith will call, e.g. at 9 a.m. tomorrow.", "Bye.");
    }

    @Test
    void decimalNumbersAndAddressesDoNotEndASentence() {
        assertThat(SentenceSplitter.split("The plan costs 3.5 dollars. See candor.example.com for more."))
                .containsExactly("The plan costs 3.5 dollars.", "See candor.example.com for more.");
    }

    @Test
    void numberAbbreviationsOnlyBeforeNumbers() {
        assertThat(SentenceSplitter.split("Call line No. 5 today. I said no. Then fine."))
                .containsExactly("Call line No. 5 today.", "I said no.", "Then fine.");
    }

    @Test
    void initialsDoNotEndASentence() {
        assertThat(SentenceSplitter.split("Ask for J. R. Smith. He knows."))
                .containsExactly("Ask for J. R. Smith.", "He knows.");
    }

    @Test
    void closingQuotesAndRepeatedMarksStayWithTheirSentence() {
        assertThat(SentenceSplitter.split("He said \"no.\" Really?! Well... fine."))
                .containsExactly("He said \"no.\"", "Really?!", "Well...", "fine.");
    }

    @Test
    void lineBreaksEndASentenceAndWhiteSpaceIsCollapsed() {
        assertThat(SentenceSplitter.split("  First line\nsecond   line.\r\n\nThird  "))
                .containsExactly("First line", "second line.", "Third");
    }

    @Test
    void textWithoutTerminatorIsOneSentenceAndBlankTextIsNone() {
        assertThat(SentenceSplitter.split("just one thought")).containsExactly("just one thought");
        assertThat(SentenceSplitter.split(" \n ")).isEmpty();
    }
}
