package dev.candor.dialog.intent;

import java.util.EnumSet;
import java.util.Set;

/** Finds the intents in an utterance. Implementations are pure: same text, same intents. */
public interface IntentDetector {

    Set<Intent> detect(String utterance);

    /** The word-based detector, fast and offline. */
    static IntentDetector lexicon() {
        return new LexiconIntentDetector();
    }

    /** Convenience for callers that want one intent. */
    default boolean is(String utterance, Intent intent) {
        return detect(utterance).contains(intent);
    }

    /** An empty, modifiable set to build results in. */
    static Set<Intent> none() {
        return EnumSet.noneOf(Intent.class);
    }
}
