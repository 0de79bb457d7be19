package dev.candor.dialog.intent;

import java.util.List;
import java.util.Set;

/**
 * Recognises a caller asking for a person, from words alone: a request verb ("talk to", "get me",
 * "put me through", "I want") followed by someone who is a person at the company ("a human", "an
 * agent", "your manager"), a bare request ("operator", "a real person please"), or a refusal of the
 * machine ("no AI, please"). Mentions that are not requests are left alone: possessives ("my
 * manager"), modifiers ("agent app", "per agent"), questions about Candor ("are you a real person?")
 * and negations ("I don't need a person").
 */
final class PersonRequestLexicon {
    /** Nouns naming a person at the company, matched with misspellings allowed. */
    private static final List<String> FUZZY_NOUNS = List.of("human", "humans", "person", "persons", "agent",
            "agents", "operator", "representative", "representatives", "supervisor", "somebody", "someone",
            "anybody", "salesperson", "salesman");
    /** Nouns matched exactly (too short or too close to other words for misspellings). */
    private static final Set<String> EXACT_NOUNS = Set.of("rep", "reps", "manager", "boss", "people", "anyone",
            "employee", "staff", "colleague", "colleagues", "team", "support", "hooman", "humin", "operater",
            "department", "care");
    private static final Set<String> VERBS = Set.of("talk", "speak", "speaking", "talking", "chat", "connect",
            "transfer", "transferred", "put", "get", "give", "want", "need", "prefer", "rather", "bring",
            "find", "reach", "like", "have", "add", "hook", "gimme", "patch", "send");
    /** Words after a noun that make it a modifier ("agent app", "manager role"), not a person. */
    private static final Set<String> MODIFIED = Set.of("app", "account", "role", "seat", "seats", "licence",
            "license", "dashboard", "pricing", "price", "plan", "error", "resources", "society", "lead",
            "hours", "included", "whisper", "per");
    private static final Set<String> POSSESSIVES = Set.of("my", "our", "his", "her", "their");
    /** Words before a noun that count people rather than ask for one: "ten agents", "how many people". */
    private static final Set<String> QUANTITIES = Set.of("many", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "twenty", "thirty", "fifty", "hundred", "few", "several", "all", "our",
            "the");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without");
    private static final Set<String> FILLERS = Set.of("a", "an", "the", "please", "now", "just", "hello", "hi",
            "hey", "um", "umm", "uh", "er", "erm", "ok", "okay", "so", "well", "press", "zero", "for", "your",
            "real", "reel", "live", "actual", "being", "customer", "service", "sales", "member", "thanks", "again",
            "right", "away");
    private static final Set<String> QUESTION_STARTS = Set.of("are", "is", "was", "were", "do", "does", "did",
            "how", "what", "who", "which", "when", "where", "why");
    private static final int VERB_WINDOW = 6;

    private PersonRequestLexicon() {
    }

    static boolean isRequest(Tokens t) {
        if (t.size() == 0) {
            return false;
        }
        if (refusesTheMachine(t)) {
            return true;
        }
        for (int i = 0; i < t.size(); i++) {
            if (isRequestVerbAt(t, i) && !negatedBefore(t, i) && (standsAlone(t, i) || personNounAfter(t, i))) {
                return true;
            }
        }
        return isBare(t) || asksWhetherSomeoneIsThere(t) || asksSomeoneToPickUp(t);
    }

    /** "no AI please", "skip the AI", "I don't want to talk to a robot", "no more robots". */
    private static boolean refusesTheMachine(Tokens t) {
        String s = t.padded();
        return s.matches(".* (no|skip|bypass|enough of|stop|not) (more |the |this |an |a )?(ai|robot|robots|bot|bots|machine|machines|computer) .*")
                || s.matches(".* do not (want|like) (to (talk|speak) (to|with) )?(an |a |the )?(ai|robot|robots|bot|bots|machine|computer) .*")
                || s.matches(".* (human|person|people) (help|assistance|support) .*")
                || s.matches(".* in charge (i )?(want|need) to (talk|speak) .*");
    }

    private static boolean isRequestVerbAt(Tokens t, int i) {
        String w = t.get(i);
        if (!VERBS.contains(w)) {
            return false;
        }
        String prev = i > 0 ? t.get(i - 1) : "";
        return switch (w) {
            // "I'd like", "would like", not "sounds like a human".
            case "like" -> prev.equals("would") || prev.equals("i") || prev.equals("we");
            // "can I have a person", not "we have agents".
            case "have" -> i >= 2 && Set.of("can", "could", "may").contains(t.get(i - 2))
                    && Set.of("i", "we").contains(prev);
            // "add a person to the call", not "add agents" to an account.
            case "add" -> t.has("call");
            // "am I talking to a real person?" asks what Candor is; it is not a request.
            case "talking", "speaking" -> !(i >= 2 && t.get(i - 1).equals("i")
                    && Set.of("am", "was").contains(t.get(i - 2)));
            default -> true;
        };
    }

    /** "transfer me", "put me through", "connect me", with no one named: a request in itself. */
    private static boolean standsAlone(Tokens t, int i) {
        String w = t.get(i);
        String next = i + 1 < t.size() ? t.get(i + 1) : "";
        String after = i + 2 < t.size() ? t.get(i + 2) : "";
        return switch (w) {
            case "transfer", "transferred" -> next.isEmpty() || next.equals("me") || next.equals("please");
            case "put" -> next.equals("me") && (after.equals("through") || after.equals("on"));
            case "connect" -> next.equals("me") && (after.isEmpty() || after.equals("please"));
            default -> false;
        };
    }

    private static boolean personNounAfter(Tokens t, int verb) {
        int end = Math.min(t.size(), verb + 1 + VERB_WINDOW);
        for (int j = verb + 1; j < end; j++) {
            if (isPersonNounAt(t, j)) {
                return true;
            }
        }
        return false;
    }

    /** A negation in the three words before a request verb: "I don't need to talk to anyone". */
    private static boolean negatedBefore(Tokens t, int verb) {
        for (int j = Math.max(0, verb - 3); j < verb; j++) {
            if (NEGATIONS.contains(t.get(j))) {
                return true;
            }
        }
        return false;
    }

    static boolean isPersonNounAt(Tokens t, int j) {
        String w = t.get(j);
        if (!isPersonNoun(w)) {
            return false;
        }
        String prev = j > 0 ? t.get(j - 1) : "";
        String next = j + 1 < t.size() ? t.get(j + 1) : "";
        String prev2 = j > 1 ? t.get(j - 2) : "";
        if ((w.endsWith("s") || w.equals("people")) && !w.equals("boss") && QUANTITIES.contains(prev)) {
            return false; // counting people: "ten agents", "the agents to have reports"
        }
        if (POSSESSIVES.contains(prev) || POSSESSIVES.contains(prev2) && !prev.equals("of")
                || prev.equals("per") || prev.equals("each") || prev.equals("every")
                || MODIFIED.contains(next)) {
            return false;
        }
        if (w.equals("person") && prev.equals("in")) {
            return false; // "in person"
        }
        if (w.equals("care")) {
            return prev.equals("customer");
        }
        if (w.equals("department")) {
            return prev.equals("sales") || prev.equals("support") || prev.equals("service");
        }
        if (w.equals("team") || w.equals("support")) {
            return prev.equals("sales") || prev.equals("your") || prev.equals("customer") || prev.equals("to")
                    || next.equals("staff") || next.equals("please");
        }
        return true;
    }

    static boolean isPersonNoun(String w) {
        if (EXACT_NOUNS.contains(w)) {
            return true;
        }
        for (String noun : FUZZY_NOUNS) {
            if (Fuzzy.near(w, noun)) {
                return true;
            }
        }
        return false;
    }

    /** Only a person noun and filler: "operator", "a real person please", "customer service". */
    private static boolean isBare(Tokens t) {
        if (QUESTION_STARTS.contains(t.get(0)) || t.get(0).equals("no") || t.get(0).equals("not")) {
            return false;
        }
        boolean noun = false;
        for (int i = 0; i < t.size(); i++) {
            String w = t.get(i);
            if (isPersonNoun(w) && !POSSESSIVES.contains(i > 0 ? t.get(i - 1) : "")) {
                noun = true;
            } else if (!FILLERS.contains(w)) {
                return false;
            }
        }
        return noun || t.has("customer service");
    }

    /** "Is there a person I can talk to?", "is anybody there?". */
    private static boolean asksWhetherSomeoneIsThere(Tokens t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).equals("is") && t.get(i + 1).equals("there")) {
                for (int j = i + 2; j < Math.min(t.size(), i + 5); j++) {
                    if (isPersonNounAt(t, j)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** "Can someone real pick up?", "can a person call me back instead of you". */
    private static boolean asksSomeoneToPickUp(Tokens t) {
        String s = t.padded();
        return s.matches(".* (can|could) (a |some )?(someone|somebody|person|human)( real)? (pick up|answer|take over|call me) .*");
    }
}
