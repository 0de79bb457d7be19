package dev.candor.dialog.guardrail;

import java.util.ArrayList;
import java.util.List;

/**
 * Short enough to speak: at most two sentences and about 40 words. Whole sentences are kept from the
 * start while they fit; a first sentence that alone is too long is cut at the last comma or word that
 * fits. The disclosure is added after this check and does not count.
 */
public final class LengthGuardrail implements SayGuardrail {
    public static final int MAX_SENTENCES = 2;
    public static final int MAX_WORDS = 40;

    @Override
    public String name() {
        return "length";
    }

    @Override
    public GuardrailDecision check(String text) {
        List<String> sentences = Sentences.split(text);
        List<String> kept = new ArrayList<>();
        int words = 0;
        for (String s : sentences) {
            int n = words(s);
            if (kept.size() == MAX_SENTENCES || words + n > MAX_WORDS) {
                break;
            }
            kept.add(s);
            words += n;
        }
        if (kept.isEmpty()) {
            kept.add(cut(sentences.get(0)));
        }
        String result = Sentences.join(kept);
        return result.equals(text.strip()) ? GuardrailDecision.allow()
                : new GuardrailDecision.Rewrite(result, "too long to speak: " + words(text) + " words, "
                        + sentences.size() + " sentences");
    }

    static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static String cut(String sentence) {
        String[] w = sentence.strip().split("\\s+");
        String head = String.join(" ", java.util.Arrays.copyOf(w, MAX_WORDS));
        int comma = head.lastIndexOf(',');
        String cut = comma > head.length() / 2 ? head.substring(0, comma) : head.replaceAll("[,;:]$", "");
        return cut + ".";
    }
}
