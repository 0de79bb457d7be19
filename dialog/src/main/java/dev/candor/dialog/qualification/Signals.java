package dev.candor.dialog.qualification;

/**
 * What the conversation showed besides BANT: facts about the talk, not about the person.
 *
 * @param questionsAsked product questions the caller asked
 * @param objections     objections raised (price, timing, competitor)
 * @param callbackBooked whether the caller booked a callback or meeting
 * @param notInterested  whether the caller declined
 */
public record Signals(int questionsAsked, int objections, boolean callbackBooked, boolean notInterested) {
    public static Signals none() {
        return new Signals(0, 0, false, false);
    }

    public Signals withQuestion() {
        return new Signals(questionsAsked + 1, objections, callbackBooked, notInterested);
    }

    public Signals withObjection() {
        return new Signals(questionsAsked, objections + 1, callbackBooked, notInterested);
    }

    public Signals withCallback() {
        return new Signals(questionsAsked, objections, true, notInterested);
    }

    public Signals withNotInterested() {
        return new Signals(questionsAsked, objections, callbackBooked, true);
    }
}
