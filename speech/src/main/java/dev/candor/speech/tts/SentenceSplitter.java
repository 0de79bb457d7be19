package dev.candor.speech.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts a reply into sentences so that the first can be spoken while the rest is synthesised.
 *
 * <p>A sentence ends at {@code .}, {@code !} or {@code ?} (with any closing quotes or brackets)
 * followed by white space or the end of the text, except after a known abbreviation ("Mr.",
 * "e.g.", "a.m.") or a single initial ("J. Smith"). A full stop inside a token ("3.5",
 * "example.com") never ends one. A line break also ends a sentence. Text without any of these is
 * one sentence. White space inside a sentence is collapsed to single spaces.
 *
 * <p>Pure and stateless.
 */
public final class SentenceSplitter {

    /** Lower-case abbreviations, without their final full stop, after which a "." does not split. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "e.g", "i.e",
            "inc", "ltd", "co", "corp", "approx", "dept", "est", "a.m", "p.m",
            "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ave", "blvd", "rd");

    /** Abbreviations only when a number follows ("No. 5", "Fig. 2"); otherwise words ("said no."). */
    private static final Set<String> BEFORE_NUMBERS = Set.of("no", "nos", "fig");

    private SentenceSplitter() {}

    /** The sentences of {@code text}, trimmed, in order; empty for blank text. */
    public static List<String> split(String text) {
        Objects.requireNonNull(text, "text");
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                add(sentences, text.substring(start, i));
                start = i + 1;
            } else if (c == '.' || c == '!' || c == '?') {
                int end = afterClosers(text, i + 1);
                if ((end == text.length() || Character.isWhitespace(text.charAt(end)))
                        && (c != '.' || !abbreviationBefore(text, start, i))) {
                    add(sentences, text.substring(start, end));
                    start = end;
                    i = end;
                    continue;
                }
            }
            i++;
        }
        add(sentences, text.substring(start));
        return sentences;
    }

    /** Skips repeated terminators ("?!", "...") and closing quotes or brackets. */
    private static int afterClosers(String text, int from) {
        int i = from;
        while (i < text.length() && ".!?\"')]\u201d\u2019".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Whether the word ending at the full stop at {@code dot} is an abbreviation or an initial. */
    private static boolean abbreviationBefore(String text, int sentenceStart, int dot) {
        int wordStart = dot;
        while (wordStart > sentenceStart && !Character.isWhitespace(text.charAt(wordStart - 1))
                && "(\"'\u201c".indexOf(text.charAt(wordStart - 1)) < 0) {
            wordStart--;
        }
        String word = text.substring(wordStart, dot).toLowerCase(Locale.ROOT);
        if (word.length() == 1 && Character.isUpperCase(text.charAt(wordStart))) {
            return true; // an initial: "J. Smith"
        }
        if (BEFORE_NUMBERS.contains(word)) {
            String rest = text.substring(dot + 1).stripLeading();
            return !rest.isEmpty() && Character.isDigit(rest.charAt(0));
        }
        return ABBREVIATIONS.contains(word);
    }

    private static void add(List<String> sentences, String sentence) {
        String collapsed = sentence.strip().replaceAll("\\s+", " ");
        if (!collapsed.isEmpty()) {
            sentences.add(collapsed);
        }
    }
}
