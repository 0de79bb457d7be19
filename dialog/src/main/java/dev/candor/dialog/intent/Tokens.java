package dev.candor.dialog.intent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An utterance as lower-case word tokens, with contractions expanded ("i'd" → "i would") and a few
 * frequent recogniser mishearings repaired ("lie of agent" → "live agent").
 */
public record Tokens(List<String> words) {
    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("i'd", "i would"), Map.entry("i'm", "i am"),
            Map.entry("im", "i am"), Map.entry("don't", "do not"), Map.entry("dont", "do not"),
            Map.entry("doesn't", "does not"), Map.entry("didn't", "did not"), Map.entry("won't", "will not"),
            Map.entry("can't", "cannot"), Map.entry("cant", "cannot"), Map.entry("i'll", "i will"),
            Map.entry("you're", "you are"), Map.entry("we're", "we are"), Map.entry("it's", "it is"),
            Map.entry("that's", "that is"), Map.entry("what's", "what is"), Map.entry("who's", "who is"),
            Map.entry("isn't", "is not"), Map.entry("aren't", "are not"), Map.entry("wasn't", "was not"),
            Map.entry("we'd", "we would"), Map.entry("i've", "i have"), Map.entry("let's", "let us"),
            Map.entry("cn", "can"), Map.entry("plz", "please"), Map.entry("pls", "please"),
            Map.entry("u", "you"), Map.entry("wanna", "want to"), Map.entry("gonna", "going to"));
    private static final Map<String, String> MISHEARINGS = Map.of(
            "lie of", "live", "life agent", "live agent", "hu man", "human", "per son", "person",
            "rep resentative", "representative", "represent ative", "representative", "op erator", "operator");

    public Tokens {
        words = List.copyOf(words);
    }

    public static Tokens of(String utterance) {
        String text = " " + utterance.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'')
                .replaceAll("[^a-z0-9' ]+", " ")
                .replaceAll("\\s+", " ").trim() + " ";
        for (Map.Entry<String, String> e : MISHEARINGS.entrySet()) {
            text = text.replace(" " + e.getKey() + " ", " " + e.getValue() + " ");
        }
        List<String> words = new ArrayList<>();
        for (String raw : text.trim().split(" ")) {
            String word = raw.replaceAll("^'+|'+$", "");
            if (word.isEmpty()) {
                continue;
            }
            String expanded = CONTRACTIONS.get(word);
            if (expanded != null) {
                words.addAll(Arrays.asList(expanded.split(" ")));
            } else if (word.endsWith("'s")) {
                words.add(word.substring(0, word.length() - 2));
            } else {
                words.add(word);
            }
        }
        return new Tokens(words);
    }

    public int size() {
        return words.size();
    }

    public String get(int i) {
        return words.get(i);
    }

    /** The words joined by single spaces, with a space at each end, for phrase matching. */
    public String padded() {
        return " " + String.join(" ", words) + " ";
    }

    /** Whether the words contain {@code phrase} (whole words). */
    public boolean has(String phrase) {
        return padded().contains(" " + phrase + " ");
    }

    /** Whether any of the phrases occurs. */
    public boolean hasAny(String... phrases) {
        for (String p : phrases) {
            if (has(p)) {
                return true;
            }
        }
        return false;
    }
}
