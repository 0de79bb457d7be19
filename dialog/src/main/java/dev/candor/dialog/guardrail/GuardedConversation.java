package dev.candor.dialog.guardrail;

import dev.candor.dialog.AgentAction;
import dev.candor.dialog.CallerEvent;
import dev.candor.dialog.Conversation;
import dev.candor.dialog.ConversationSettings;
import dev.candor.dialog.DialogOptions;
import dev.candor.dialog.HandoffReason;
import dev.candor.dialog.intent.Intent;
import dev.candor.dialog.intent.IntentDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wraps any conversation policy, built-in or language model, so that its actions pass the guardrails
 * before anyone acts on them: tone, honesty about being an AI, catalog-only prices, length, then
 * disclosure on the first turn. Every rewrite is reported as a {@link AgentAction.Decision}. A caller
 * who asks for a person (or presses 0) is handed over even if the policy failed to do it.
 */
public final class GuardedConversation implements Conversation {
    /** A handoff summary is read by a person about to take the call: three sentences at most. */
    public static final int MAX_SUMMARY_SENTENCES = 3;
    private final Conversation policy;
    private final DisclosureGuardrail disclosure;
    private final List<SayGuardrail> sayGuardrails;
    private final IntentDetector intents;
    private boolean handedOff;

    public GuardedConversation(Conversation policy, ConversationSettings settings) {
        this(policy, settings, DialogOptions.defaults());
    }

    public GuardedConversation(Conversation policy, ConversationSettings settings, DialogOptions options) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.disclosure = new DisclosureGuardrail(settings);
        this.intents = options.intents();
        this.sayGuardrails = List.of(new ToneGuardrail(), new HonestyGuardrail(),
                new CatalogPriceGuardrail(options.catalog()), new LengthGuardrail());
    }

    @Override
    public List<AgentAction> start() {
        return guard(policy.start());
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event) {
        List<AgentAction> actions = policy.onEvent(event);
        if (!handedOff && asksForPerson(event) && actions.stream().noneMatch(a -> a instanceof AgentAction.Handoff)) {
            actions = List.of(new AgentAction.Say(dev.candor.dialog.policy.BuiltInPolicy.CONNECTING),
                    new AgentAction.Handoff(HandoffReason.CALLER_REQUEST,
                            "The caller asked for a person and the dialog policy did not act on it. "
                                    + "The guardrail handed the call over."),
                    new AgentAction.Decision("guardrail_handoff", "caller_request",
                            "the policy answered a request for a person without handing off"));
        }
        return guard(actions);
    }

    private boolean asksForPerson(CallerEvent event) {
        return event instanceof CallerEvent.Dtmf d && d.digit() == '0'
                || event instanceof CallerEvent.Utterance u && intents.is(u.text(), Intent.PERSON_REQUEST);
    }

    private List<AgentAction> guard(List<AgentAction> actions) {
        List<AgentAction> out = new ArrayList<>(actions.size() + 2);
        for (AgentAction action : actions) {
            if (action instanceof AgentAction.Handoff) {
                handedOff = true;
            }
            if (action instanceof AgentAction.Say say) {
                out.addAll(checkSay(say.text()));
            } else if (action instanceof AgentAction.Handoff handoff
                    && Sentences.split(handoff.summary()).size() > MAX_SUMMARY_SENTENCES) {
                String brief = Sentences.join(Sentences.split(handoff.summary()).subList(0, MAX_SUMMARY_SENTENCES));
                out.add(new AgentAction.Handoff(handoff.reason(), brief));
                out.add(new AgentAction.Decision("guardrail_rewrite", "summary: longer than "
                        + MAX_SUMMARY_SENTENCES + " sentences", "\"" + handoff.summary() + "\" -> \"" + brief + "\""));
            } else {
                out.add(action);
            }
        }
        return disclosure.apply(List.copyOf(out));
    }

    private List<AgentAction> checkSay(String original) {
        String text = original;
        List<AgentAction> decisions = new ArrayList<>();
        for (SayGuardrail guardrail : sayGuardrails) {
            GuardrailDecision decision = guardrail.check(text);
            if (decision instanceof GuardrailDecision.Rewrite rewrite) {
                decisions.add(new AgentAction.Decision("guardrail_rewrite", guardrail.name() + ": " + rewrite.reason(),
                        "\"" + text + "\" -> \"" + rewrite.text() + "\""));
                text = rewrite.text();
            }
        }
        List<AgentAction> out = new ArrayList<>();
        out.add(new AgentAction.Say(text));
        out.addAll(decisions);
        return out;
    }
}
