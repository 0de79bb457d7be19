package dev.candor.dialog.policy;

import dev.candor.dialog.intent.Tokens;

import java.util.Set;

/**
 * How upset the caller sounds, from wording, repetition and complaints: a running score that calm
 * turns bring down. Candor does not comment on it; past {@link #THRESHOLD} it offers a person.
 *
 * <p>Per utterance: a swear word +3; each complaint word +1 (at most 3); shouting (mostly capitals)
 * or "!!" +1; saying nearly the same thing as last turn +2; a calm turn −1.
 */
final class EmotionalLoad {
    static final int THRESHOLD = 4;
    private static final Set<String> SWEARING = Set.of("damn", "hell", "crap", "shit", "fuck", "fucking", "bloody",
            "bullshit", "wtf", "screw");
    private static final Set<String> COMPLAINTS = Set.of("ridiculous", "terrible", "useless", "awful", "angry",
            "furious", "frustrated", "frustrating", "unacceptable", "complaint", "complain", "wrong", "broken",
            "waste", "worst", "disgusting", "outrageous", "annoyed", "fed", "incompetent", "scam", "overcharged",
            "refund", "again", "never", "stupid", "joke", "pathetic");
    private int load;
    private String previous = "";

    /** Adds one utterance; returns the load after it. */
    int add(String utterance) {
        Tokens t = Tokens.of(utterance);
        int delta = 0;
        int complaints = 0;
        for (String w : t.words()) {
            if (SWEARING.contains(w)) {
                delta += 3;
            } else if (COMPLAINTS.contains(w)) {
                complaints++;
            }
        }
        delta += Math.min(complaints, 3);
        if (utterance.contains("!!") || shouting(utterance)) {
            delta += 1;
        }
        String normalised = String.join(" ", t.words());
        if (!previous.isEmpty() && normalised.length() > 8 && similar(normalised, previous)) {
            delta += 2;
        }
        previous = normalised;
        load = delta == 0 ? Math.max(0, load - 1) : load + delta;
        return load;
    }

    int load() {
        return load;
    }

    boolean upset() {
        return load >= THRESHOLD;
    }

    private static boolean shouting(String text) {
        long letters = text.chars().filter(Character::isLetter).count();
        long upper = text.chars().filter(Character::isUpperCase).count();
        return letters >= 8 && upper * 10 >= letters * 8;
    }

    private static boolean similar(String a, String b) {
        Set<String> wa = new java.util.HashSet<>(java.util.Arrays.asList(a.split(" ")));
        Set<String> wb = new java.util.HashSet<>(java.util.Arrays.asList(b.split(" ")));
        long common = wa.stream().filter(wb::contains).count();
        return common * 10 >= Math.max(wa.size(), wb.size()) * 7L;
    }
}
