package dev.candor.dialog.intent;

/** Edit distance for recogniser misspellings ("opperator", "reprezentative", "humane"). */
final class Fuzzy {
    private Fuzzy() {
    }

    /**
     * Whether {@code word} is {@code target} or a likely misspelling of it: one edit for words of five
     * letters or more, two for words of nine or more. Shorter words must match exactly.
     */
    static boolean near(String word, String target) {
        if (word.equals(target)) {
            return true;
        }
        int allowed = target.length() >= 9 ? 2 : target.length() >= 5 ? 1 : 0;
        if (allowed == 0 || Math.abs(word.length() - target.length()) > allowed || word.charAt(0) != target.charAt(0)) {
            return false;
        }
        return distance(word, target) <= allowed;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
