package dev.candor.dialog;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Drives a conversation turn by turn in tests, with frozen time: Monday 23 November 2026, 10:00 London. */
public final class ScriptedCall {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    public static final ConversationSettings NORTHWIND = new ConversationSettings("Northwind", false, true);

    private final Conversation conversation;
    private final List<AgentAction> all = new ArrayList<>();

    public ScriptedCall(Conversation conversation) {
        this.conversation = conversation;
    }

    public static DialogOptions options() {
        return DialogOptions.defaults().withTimeZone(LONDON).withClock(InstantSource.fixed(NOW));
    }

    public static ScriptedCall inbound() {
        return new ScriptedCall(Conversations.builtIn(NORTHWIND, options(), Scenario.inbound()));
    }

    public static ScriptedCall of(Scenario scenario) {
        return new ScriptedCall(Conversations.builtIn(NORTHWIND, options(), scenario));
    }

    public List<AgentAction> start() {
        return record(conversation.start());
    }

    public List<AgentAction> say(String utterance) {
        return record(conversation.onEvent(new CallerEvent.Utterance(utterance, 0.9)));
    }

    public List<AgentAction> send(CallerEvent event) {
        return record(conversation.onEvent(event));
    }

    public List<AgentAction> all() {
        return List.copyOf(all);
    }

    public static String spoken(List<AgentAction> actions) {
        return String.join(" ", actions.stream().filter(a -> a instanceof AgentAction.Say)
                .map(a -> ((AgentAction.Say) a).text()).toList());
    }

    @SuppressWarnings("unchecked")
    public static <T extends AgentAction> T only(List<AgentAction> actions, Class<T> type) {
        List<AgentAction> found = actions.stream().filter(type::isInstance).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in " + actions);
        }
        return (T) found.get(0);
    }

    private List<AgentAction> record(List<AgentAction> actions) {
        all.addAll(actions);
        return actions;
    }
}
