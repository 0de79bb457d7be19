package dev.candor.dialog.intent;

import java.util.Set;

/** Intents from words and phrases, tolerant of recogniser misspellings for the person request. */
final class LexiconIntentDetector implements IntentDetector {

    @Override
    public Set<Intent> detect(String utterance) {
        Tokens t = Tokens.of(utterance);
        Set<Intent> intents = IntentDetector.none();
        if (t.size() == 0) {
            return intents;
        }
        if (PersonRequestLexicon.isRequest(t)) {
            intents.add(Intent.PERSON_REQUEST);
        }
        if (stopCalling(t)) {
            intents.add(Intent.STOP_CALLING);
        }
        if (t.hasAny("not interested", "no interest", "no thanks", "no thank you", "not for us", "not for me",
                "we are fine", "we are good", "do not need it", "not looking", "we are all set")) {
            intents.add(Intent.NOT_INTERESTED);
        }
        if (t.hasAny("not now", "not a good time", "bad time", "busy", "in a meeting", "call me back", "call back",
                "call me later", "call later", "later today", "another time", "driving")) {
            intents.add(Intent.NOT_NOW);
        }
        if (asksIfHuman(t)) {
            intents.add(Intent.ASKS_IF_HUMAN);
        }
        String first = t.get(0);
        if (Set.of("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "right", "absolutely",
                "definitely", "certainly", "fine", "go").contains(first) || t.hasAny("that works", "sounds good",
                "go ahead", "of course", "it is", "works for me")) {
            intents.add(Intent.YES);
        }
        if (Set.of("no", "nope", "nah").contains(first) || t.hasAny("not really", "i do not think so")) {
            intents.add(Intent.NO);
        }
        if (t.hasAny("goodbye", "good bye", "bye", "bye bye", "that is all", "that is it", "have a good day",
                "talk later", "i have to go", "i need to go", "hang up")) {
            intents.add(Intent.GOODBYE);
        }
        if (t.hasAny("repeat", "say that again", "say again", "come again", "pardon", "what did you say",
                "did not catch", "did not hear", "one more time")) {
            intents.add(Intent.REPEAT);
        }
        if (isQuestion(utterance, t)) {
            intents.add(Intent.QUESTION);
        }
        if (t.hasAny("too expensive", "expensive", "too much", "cannot afford", "can not afford", "costs a lot",
                "over budget", "out of budget", "out of our budget", "cheaper", "pricey", "no budget")) {
            intents.add(Intent.OBJECTION_PRICE);
        }
        if (t.hasAny("not ready", "next year", "next quarter", "too early", "maybe later", "in a few months",
                "not the right time", "not this year", "not a priority", "bad timing")) {
            intents.add(Intent.OBJECTION_TIMING);
        }
        if (t.hasAny("competitor", "already use", "already using", "already have", "another product",
                "another vendor", "another provider", "someone else", "other vendor", "switch from",
                "happy with our current", "using salesforce", "using hubspot", "using five9", "using talkdesk")) {
            intents.add(Intent.OBJECTION_COMPETITOR);
        }
        return intents;
    }

    private static boolean stopCalling(Tokens t) {
        return t.hasAny("stop calling", "do not call", "never call", "stop ringing", "take me off",
                "remove me", "remove my number", "remove my name", "off your list", "off the list",
                "do not contact", "stop contacting", "lose my number", "do not ring")
                && !t.hasAny("please call me again", "can you call me again", "could you call me again");
    }

    private static boolean asksIfHuman(Tokens t) {
        String s = t.padded();
        return s.matches(".* (are you|is this|am i talking to|am i speaking to|is that|you are|was that) "
                + "(a |an |really a |really an |actually a |even a )?(real |live |actual )?"
                + "(person|human|robot|bot|machine|ai|computer|recording|people|real person|real human) .*")
                || s.matches(".* are you (real|human|a human being|alive) .*")
                || s.matches(".* (is this|are you) (an )?(ai|automated|artificial) .*");
    }

    private static boolean isQuestion(String raw, Tokens t) {
        if (raw.strip().endsWith("?")) {
            return true;
        }
        String first = t.get(0);
        return Set.of("what", "how", "which", "when", "where", "why", "who", "is", "are", "can", "could", "do",
                "does", "will", "would", "should", "tell", "explain").contains(first)
                || t.hasAny("i want to know", "i would like to know", "wondering", "how much", "what about");
    }
}
