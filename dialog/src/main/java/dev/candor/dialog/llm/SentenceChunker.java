package dev.candor.dialog.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a streamed reply into whole sentences for speech: tokens go in, each sentence comes out as soon
 * as it ends (". ", "! ", "? " or a line break), not inside "$1.50", "99.9%" or "e.g.". Not thread-safe.
 */
public final class SentenceChunker {
    private final StringBuilder pending = new StringBuilder();

    /** Adds a streamed token; returns the sentences it completed, in order. */
    public List<String> add(String token) {
        pending.append(token);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < pending.length() - 1; i++) {
            char c = pending.charAt(i);
            char next = pending.charAt(i + 1);
            boolean ends = (c == '.' || c == '!' || c == '?') && Character.isWhitespace(next)
                    || c == '\n';
            if (ends && !abbreviation(pending, i)) {
                String sentence = pending.substring(start, i + 1).strip();
                if (!sentence.isEmpty()) {
                    out.add(sentence);
                }
                start = i + 1;
            }
        }
        pending.delete(0, start);
        return out;
    }

    /** What is left when the stream ends. */
    public List<String> finish() {
        String rest = pending.toString().strip();
        pending.setLength(0);
        return rest.isEmpty() ? List.of() : List.of(rest);
    }

    private static boolean abbreviation(CharSequence text, int dot) {
        int wordStart = dot;
        while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.subSequence(wordStart, dot + 1).toString().toLowerCase(java.util.Locale.ROOT);
        return word.equals("e.g.") || word.equals("i.e.") || word.equals("mr.") || word.equals("mrs.")
                || word.equals("dr.") || word.equals("ms.");
    }
}
