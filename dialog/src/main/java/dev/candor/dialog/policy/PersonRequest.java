package dev.candor.dialog.policy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises a caller asking for a person ("can I talk to a human?", "agent", "representative").
 * A first, lexicon-only version; the dialog engine's intent detector replaces it.
 */
final class PersonRequest {
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\b(human|humans|person|real person|live person|somebody real|someone real)\\b"),
            Pattern.compile("^\\s*(an? )?(agent|operator|representative|rep)\\s*[.!?]*\\s*$"),
            Pattern.compile("\\b(talk|speak|connect|transfer|put)\\b.*\\b(agent|operator|representative|rep|someone|somebody|manager)\\b"));

    private PersonRequest() {
    }

    static boolean matches(String utterance) {
        String text = utterance.toLowerCase(Locale.ROOT);
        for (Pattern p : PATTERNS) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
