package dev.candor.dialog.guardrail;

import java.util.ArrayList;
import java.util.List;

/** Splits text into sentences at . ! ? followed by a space or the end (not inside "99.9" or "$1.50"). */
public final class Sentences {
    private Sentences() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = (c == '.' || c == '!' || c == '?')
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
            if (end) {
                while (i + 1 < text.length() && "!?.".indexOf(text.charAt(i + 1)) >= 0) {
                    i++;
                }
                add(out, text.substring(start, i + 1));
                start = i + 1;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    private static void add(List<String> out, String sentence) {
        if (!sentence.isBlank()) {
            out.add(sentence.strip());
        }
    }

    static String join(List<String> sentences) {
        return String.join(" ", sentences).strip();
    }
}
