package dev.candor.dialog.llm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceChunkerTest {

    private static List<String> feed(SentenceChunker chunker, String... tokens) {
        List<String> out = new ArrayList<>();
        for (String token : tokens) {
            out.addAll(chunker.add(token));
        }
        return out;
    }

    @Test
    void aSentenceComesOutAsSoonAsTheNextTokenShowsItEnded() {
        SentenceChunker chunker = new SentenceChunker();

        assertThat(feed(chunker, "The Team", " plan is", " $59", ".")).isEmpty();
        assertThat(chunker.add(" Want")).containsExactly("The Team plan is $59.");
        assertThat(feed(chunker, " details", "?")).isEmpty();
        assertThat(chunker.finish()).containsExactly("Want details?");
        assertThat(chunker.finish()).isEmpty();
    }

    @Test
    void pricesPercentagesAndAbbreviationsDoNotEndASentence() {
        SentenceChunker chunker = new SentenceChunker();

        List<String> out = feed(chunker, "It costs $1.50 a day, e.g. for ", "Mr. Smith's team, with 99.9% uptime. ", "Yes");

        assertThat(out).containsExactly("It costs $1.50 a day, e.g. for Mr. Smith's team, with 99.9% uptime.");
        assertThat(chunker.finish()).containsExactly("Yes");
    }

    @Test
    void everySplitOfTheTextGivesTheSameSentences() {
        String text = "First one. Second one! Third one? Fourth";
        for (int cut = 0; cut <= text.length(); cut++) {
            SentenceChunker chunker = new SentenceChunker();
            List<String> out = feed(chunker, text.substring(0, cut), text.substring(cut));
            out.addAll(chunker.finish());
            assertThat(out).as("cut at %d", cut).containsExactly("First one.", "Second one!", "Third one?", "Fourth");
        }
    }
}
