package dev.candor.dialog.policy;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.AgentAction.Say;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.Scenario;
import dev.candor.dialog.catalog.CatalogSearch;
import dev.candor.dialog.intent.Intent;
import dev.candor.dialog.qualification.Bant;
import dev.candor.dialog.qualification.BantExtractor;
import dev.candor.dialog.qualification.BantExtractor.Slot;
import dev.candor.dialog.qualification.LeadScore;
import dev.candor.dialog.qualification.LeadScorer;
import dev.candor.dialog.qualification.Signals;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The offline policy: a complete qualification conversation with no language model. Inbound, it
 * finds out what the caller needs, answers from the catalog, asks the BANT questions, answers the
 * usual objections, books a callback and closes. Outbound, it says why it is calling and asks whether
 * now is a good time: "not now" books a callback, "not interested" ends politely, "stop calling" puts
 * the number on the do-not-call list. Handoffs follow {@link HandoffReason}; a request for a person
 * is honoured at once, before anything else.
 */
public final class BuiltInPolicy implements Conversation {
    /** What Candor says as it starts the transfer. */
    public static final String CONNECTING = "Connecting you to a person now.";
    /** A transcript below this recognition confidence is not acted on; twice in a row hands off. */
    public static final double LOW_CONFIDENCE = 0.5;
    private static final List<Slot> QUESTIONS = List.of(Slot.NEED, Slot.SEATS, Slot.AUTHORITY, Slot.BUDGET, Slot.TIMELINE);

    /** Where the conversation stands: what Candor last asked. */
    private enum Stage { OPENING, QUALIFYING, OFFERING_CALLBACK, ASKING_TIME, CLOSING, DONE }

    private final ConversationSettings settings;
    private final DialogOptions options;
    private final Scenario scenario;
    private final BantExtractor extractor = new BantExtractor();
    private final LeadScorer scorer;
    private final EmotionalLoad emotion = new EmotionalLoad();
    private final Set<Slot> asked = EnumSet.noneOf(Slot.class);
    private Bant bant = Bant.empty();
    private Signals signals = Signals.none();
    private Stage stage = Stage.QUALIFYING;
    private Optional<Slot> pendingSlot = Optional.empty();
    private String lastSaid = Replies.HOW_CAN_I_HELP;
    private int notUnderstood;
    private int silences;
    private boolean offeredPerson;
    private boolean recorded;

    public BuiltInPolicy(ConversationSettings settings) {
        this(settings, DialogOptions.defaults(), Scenario.inbound());
    }

    public BuiltInPolicy(ConversationSettings settings, DialogOptions options, Scenario scenario) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.scorer = new LeadScorer(options.highValueAmount().movePointLeft(1));
    }

    /** The prompts this policy always says the same way, so they can be synthesised once. */
    public static List<String> fixedPrompts() {
        return List.of(CONNECTING, Replies.PRESS_ZERO, Replies.NOT_HUMAN, Replies.PARDON, Replies.STILL_THERE);
    }

    /**
     * A language model answered the last turn in this policy's place: the turn counts as understood,
     * whatever this policy made of it.
     */
    public void modelAnswered() {
        notUnderstood = 0;
    }

    /** Whether the call is over for this policy (ended, handed off, or the caller hung up). */
    public boolean over() {
        return stage == Stage.DONE;
    }

    /**
     * A handoff decided elsewhere (by a language model), with the same summary this policy writes: who
     * the caller is, what they want, BANT and score, and {@code why}. Ends this policy's conversation.
     */
    public AgentAction.Handoff handOffFor(HandoffReason reason, String why) {
        stage = Stage.DONE;
        return new AgentAction.Handoff(reason, HandoffSummary.of(scenario, settings.companyName(), bant, score(),
                HandoffSummary.quote(why)));
    }

    /**
     * The call ends for a reason decided elsewhere: the qualification and score to store (once), and
     * this policy's conversation is over.
     */
    public List<AgentAction> wrapUp() {
        stage = Stage.DONE;
        return record(new ArrayList<>());
    }

    @Override
    public List<AgentAction> start() {
        if (scenario.lead().map(l -> l.vip()).orElse(false)) {
            return handOff(HandoffReason.VIP, CONNECTING, "the lead is marked VIP");
        }
        if (scenario instanceof Scenario.Outbound out) {
            stage = Stage.OPENING;
            return say(Replies.outboundOpening(out.target().firstName(), out.target().interest()));
        }
        if (!settings.speechRecognition()) {
            return say(Replies.PRESS_ZERO);
        }
        pendingSlot = Optional.of(Slot.NEED);
        asked.add(Slot.NEED);
        return say(Replies.HOW_CAN_I_HELP);
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event) {
        if (event instanceof CallerEvent.Hangup) {
            stage = Stage.DONE;
            return record(new ArrayList<>());
        }
        if (stage == Stage.DONE) {
            return List.of();
        }
        if (event instanceof CallerEvent.Dtmf dtmf) {
            silences = 0;
            return dtmf.digit() == '0'
                    ? handOff(HandoffReason.CALLER_REQUEST, CONNECTING, "the caller pressed 0 to ask for a person")
                    : say(Replies.PRESS_ZERO);
        }
        if (event instanceof CallerEvent.Silence) {
            return onSilence();
        }
        silences = 0;
        return onUtterance((CallerEvent.Utterance) event);
    }

    private List<AgentAction> onSilence() {
        silences++;
        if (silences >= 3) {
            stage = Stage.DONE;
            List<AgentAction> out = new ArrayList<>(List.of(new Say("I'll end the call now. Goodbye.")));
            record(out);
            out.add(new AgentAction.EndCall("no_response"));
            return out;
        }
        return say(Replies.STILL_THERE);
    }

    private List<AgentAction> onUtterance(CallerEvent.Utterance utterance) {
        String text = utterance.text().strip();
        Set<Intent> intents = options.intents().detect(text);
        if (intents.contains(Intent.PERSON_REQUEST)) {
            return handOff(HandoffReason.CALLER_REQUEST, CONNECTING,
                    "the caller asked for a person: \"" + HandoffSummary.quote(text) + "\"");
        }
        if (intents.contains(Intent.STOP_CALLING)) {
            return doNotCall(text);
        }
        Optional<String> topic = sensitiveTopic(text);
        if (topic.isPresent()) {
            return handOff(HandoffReason.SENSITIVE_TOPIC, Replies.SENSITIVE, "the caller raised " + topic.get());
        }
        if (intents.contains(Intent.ASKS_IF_HUMAN)) {
            List<AgentAction> out = new ArrayList<>(List.of(new Say(Replies.NOT_HUMAN)));
            out.addAll(continueConversation());
            return out;
        }
        if (text.isEmpty() || utterance.confidence() < LOW_CONFIDENCE) {
            return notUnderstood(text.isEmpty() ? "empty transcript"
                    : String.format(Locale.ROOT, "low recognition confidence %.2f", utterance.confidence()));
        }
        // A question is not an answer to the slot Candor asked for; it may still state facts (seats, budget).
        bant = extractor.update(bant, text, intents.contains(Intent.QUESTION) ? Optional.empty() : pendingSlot);
        emotion.add(text);
        if (emotion.upset()) {
            return handOff(HandoffReason.CALLER_UPSET, Replies.UPSET,
                    "the caller sounds upset (emotional load " + emotion.load() + "): \"" + HandoffSummary.quote(text) + "\"");
        }
        Optional<String> highValue = highValue();
        if (highValue.isPresent()) {
            return handOff(HandoffReason.HIGH_VALUE, Replies.HIGH_VALUE, highValue.get());
        }
        if (intents.contains(Intent.REPEAT)) {
            return say(lastSaid);
        }
        if (intents.contains(Intent.GOODBYE)) {
            return close(stage == Stage.CLOSING ? "completed" : "caller_goodbye");
        }
        List<AgentAction> handled = byStage(text, intents);
        if (handled.isEmpty()) {
            return notUnderstood("no rule handled: \"" + HandoffSummary.quote(text) + "\"");
        }
        notUnderstood = 0;
        return handled;
    }

    /** The turn in the light of what Candor last asked; empty when nothing applies. */
    private List<AgentAction> byStage(String text, Set<Intent> intents) {
        if (stage == Stage.OPENING) {
            return onOpeningAnswer(text, intents);
        }
        if (intents.contains(Intent.NOT_INTERESTED) && stage != Stage.CLOSING) {
            signals = signals.withNotInterested();
            return end(Replies.NOT_INTERESTED, "not_interested");
        }
        if (stage == Stage.ASKING_TIME || (intents.contains(Intent.NOT_NOW) && stage != Stage.OFFERING_CALLBACK)) {
            return onTime(text, intents.contains(Intent.NOT_NOW) && stage != Stage.ASKING_TIME);
        }
        if (offeredPerson) {
            offeredPerson = false;
            if (intents.contains(Intent.YES)) {
                return handOff(HandoffReason.CALLER_REQUEST, CONNECTING,
                        "the caller accepted a person after a question Candor could not answer");
            }
            if (intents.contains(Intent.NO)) {
                return continueConversation();
            }
        }
        Optional<List<AgentAction>> objection = objection(intents);
        if (objection.isPresent()) {
            return objection.get();
        }
        if (intents.contains(Intent.QUESTION)) {
            return answer(text);
        }
        if (stage == Stage.OFFERING_CALLBACK) {
            if (intents.contains(Intent.YES)) {
                return onTime(text, true);
            }
            if (intents.contains(Intent.NO)) {
                return close("completed");
            }
        }
        if (stage == Stage.CLOSING) {
            if (intents.contains(Intent.NO) || intents.contains(Intent.NOT_INTERESTED)) {
                return close("completed");
            }
            if (intents.contains(Intent.YES)) {
                return say(Replies.GO_AHEAD);
            }
            return answer(text);
        }
        if (pendingSlot.isPresent()) {
            if (!filled(pendingSlot.get())) {
                return List.of(); // not an answer Candor can use: not understood
            }
            pendingSlot = Optional.empty();
            return continueConversation();
        }
        Optional<CatalogSearch.Match> match = options.catalogSearch().answer(text);
        return match.isPresent() ? answer(text) : List.of();
    }

    private List<AgentAction> onOpeningAnswer(String text, Set<Intent> intents) {
        if (intents.contains(Intent.NOT_INTERESTED)) {
            signals = signals.withNotInterested();
            return end(Replies.NOT_INTERESTED, "not_interested");
        }
        if (intents.contains(Intent.NOT_NOW) || intents.contains(Intent.NO)) {
            stage = Stage.ASKING_TIME;
            Optional<ZonedDateTime> when = CallbackTimeParser.parse(text, now());
            return when.isPresent() ? book(when.get()) : say(Replies.NOT_NOW);
        }
        if (intents.contains(Intent.YES)) {
            stage = Stage.QUALIFYING;
            return continueConversation();
        }
        if (intents.contains(Intent.QUESTION)) {
            stage = Stage.QUALIFYING;
            return answer(text);
        }
        return List.of();
    }

    private List<AgentAction> onTime(String text, boolean askIfMissing) {
        Optional<ZonedDateTime> when = CallbackTimeParser.parse(text, now());
        if (when.isPresent()) {
            return book(when.get());
        }
        if (askIfMissing || stage != Stage.ASKING_TIME) {
            stage = Stage.ASKING_TIME;
            return say(scenario instanceof Scenario.Outbound ? Replies.NOT_NOW : Replies.ASK_TIME);
        }
        return List.of();
    }

    private List<AgentAction> book(ZonedDateTime when) {
        signals = signals.withCallback();
        boolean outbound = scenario instanceof Scenario.Outbound && bant.slots().isEmpty();
        List<AgentAction> out = new ArrayList<>();
        out.add(new Say(Replies.booked(when, outbound)));
        out.add(new AgentAction.ScheduleCallback(when, "Callback the caller asked for. " + HandoffSummary.quote(bant.describe()) + "."));
        if (outbound) {
            stage = Stage.DONE;
            record(out);
            out.add(new AgentAction.EndCall("callback_booked"));
            return out;
        }
        stage = Stage.CLOSING;
        out.add(new Say(Replies.ANYTHING_ELSE));
        lastSaid = Replies.ANYTHING_ELSE;
        return out;
    }

    private Optional<List<AgentAction>> objection(Set<Intent> intents) {
        String reply;
        if (intents.contains(Intent.OBJECTION_PRICE)) {
            reply = Replies.priceObjection(options.catalog());
        } else if (intents.contains(Intent.OBJECTION_TIMING)) {
            stage = Stage.OFFERING_CALLBACK;
            signals = signals.withObjection();
            return Optional.of(say(Replies.OBJECTION_TIMING));
        } else if (intents.contains(Intent.OBJECTION_COMPETITOR)) {
            stage = Stage.OFFERING_CALLBACK;
            signals = signals.withObjection();
            return Optional.of(say(Replies.OBJECTION_COMPETITOR));
        } else {
            return Optional.empty();
        }
        signals = signals.withObjection();
        List<AgentAction> out = new ArrayList<>(List.of(new Say(reply)));
        out.addAll(continueConversation());
        return Optional.of(out);
    }

    private List<AgentAction> answer(String question) {
        Optional<CatalogSearch.Match> match = options.catalogSearch().answer(question);
        if (match.isEmpty()) {
            offeredPerson = true;
            lastSaid = Replies.UNKNOWN_ANSWER;
            return List.of(new Say(Replies.UNKNOWN_ANSWER),
                    new AgentAction.Decision("unanswered_question", "no catalog entry close enough",
                            "\"" + HandoffSummary.quote(question) + "\""));
        }
        signals = signals.withQuestion();
        List<AgentAction> out = new ArrayList<>(List.of(new Say(match.get().entry().answer())));
        out.addAll(continueConversation());
        return out;
    }

    /** Asks the next BANT question, or offers a callback when all are asked. */
    private List<AgentAction> continueConversation() {
        if (stage == Stage.CLOSING || stage == Stage.ASKING_TIME || stage == Stage.OFFERING_CALLBACK) {
            String again = stage == Stage.CLOSING ? Replies.ANYTHING_ELSE
                    : stage == Stage.ASKING_TIME ? Replies.ASK_TIME : Replies.OFFER_CALLBACK;
            return say(again);
        }
        if (pendingSlot.isPresent() && !filled(pendingSlot.get())) {
            return say(Replies.question(pendingSlot.get()));
        }
        for (Slot slot : QUESTIONS) {
            if (!asked.contains(slot) && !filled(slot)) {
                asked.add(slot);
                pendingSlot = Optional.of(slot);
                stage = Stage.QUALIFYING;
                return say(Replies.question(slot));
            }
        }
        pendingSlot = Optional.empty();
        stage = Stage.OFFERING_CALLBACK;
        return say(Replies.OFFER_CALLBACK);
    }

    private boolean filled(Slot slot) {
        return switch (slot) {
            case NEED -> bant.need().isPresent();
            case SEATS -> bant.seats().isPresent();
            case AUTHORITY -> bant.authority().isPresent();
            case BUDGET -> bant.budget().isPresent();
            case TIMELINE -> bant.timeline().isPresent();
        };
    }

    private List<AgentAction> notUnderstood(String why) {
        notUnderstood++;
        if (notUnderstood >= 2) {
            return handOff(HandoffReason.NOT_UNDERSTOOD, Replies.NOT_UNDERSTOOD_AGAIN,
                    "two turns in a row were not understood, the last: " + why);
        }
        return List.of(new Say(Replies.PARDON), new AgentAction.Decision("not_understood", why, "asked the caller to rephrase"));
    }

    private Optional<String> sensitiveTopic(String text) {
        String padded = " " + String.join(" ", dev.candor.dialog.intent.Tokens.of(text).words()) + " ";
        return options.sensitiveTopics().stream()
                .filter(topic -> padded.contains(" " + topic.toLowerCase(Locale.ROOT) + " "))
                .findFirst()
                .map(topic -> "a sensitive topic (" + topic + ")");
    }

    private Optional<String> highValue() {
        if (bant.seats().isPresent() && bant.seats().get() >= options.highValueSeats()) {
            return Optional.of(bant.seats().get() + " seats, at or above the " + options.highValueSeats() + "-seat threshold");
        }
        if (bant.budgetAmount().isPresent() && bant.budgetAmount().get().compareTo(options.highValueAmount()) >= 0) {
            return Optional.of("a budget of " + bant.budgetAmount().get().toPlainString() + ", at or above "
                    + options.highValueAmount().toPlainString());
        }
        if (bant.enterpriseWide()) {
            return Optional.of("an enterprise-wide rollout");
        }
        return Optional.empty();
    }

    private List<AgentAction> handOff(HandoffReason reason, String sayFirst, String why) {
        stage = Stage.DONE;
        String summary = HandoffSummary.of(scenario, settings.companyName(), bant, score(), why);
        return List.of(new Say(sayFirst), new AgentAction.Handoff(reason, summary));
    }

    private List<AgentAction> doNotCall(String text) {
        stage = Stage.DONE;
        List<AgentAction> out = new ArrayList<>(List.of(new Say(Replies.DNC),
                new AgentAction.MarkDoNotCall("the caller asked not to be called again: \"" + HandoffSummary.quote(text) + "\"")));
        record(out);
        out.add(new AgentAction.EndCall("do_not_call"));
        return out;
    }

    private List<AgentAction> end(String text, String reason) {
        stage = Stage.DONE;
        List<AgentAction> out = new ArrayList<>(List.of(new Say(text)));
        record(out);
        out.add(new AgentAction.EndCall(reason));
        return out;
    }

    private List<AgentAction> close(String reason) {
        return end(Replies.closing(settings.companyName(), scenario instanceof Scenario.Outbound), reason);
    }

    /** Adds the qualification and score once, when the call ends. */
    private List<AgentAction> record(List<AgentAction> out) {
        if (!recorded) {
            recorded = true;
            LeadScore score = score();
            out.add(new AgentAction.RecordQualification(bant.slots()));
            out.add(new AgentAction.RecordScore(score.score(), score.reasons()));
        }
        return out;
    }

    private LeadScore score() {
        return scorer.score(bant, signals);
    }

    private List<AgentAction> say(String text) {
        lastSaid = text;
        return List.of(new Say(text));
    }

    private ZonedDateTime now() {
        return options.clock().instant().atZone(options.timeZone());
    }
}
