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
        return onEvent(event, null);
    }

    @Override
    public List<AgentAction> start(ActionSink early) {
        if (early == null) {
            return start();
        }
        StreamGuard stream = new StreamGuard(early);
        return guard(policy.start(stream));
    }

    @Override
    public List<AgentAction> onEvent(CallerEvent event, ActionSink early) {
        StreamGuard stream = early == null ? null : new StreamGuard(early);
        List<AgentAction> actions = stream == null ? policy.onEvent(event) : policy.onEvent(event, stream);
        boolean handedOffNow = actions.stream().anyMatch(a -> a instanceof AgentAction.Handoff)
                || stream != null && stream.handoff;
        if (!handedOff && asksForPerson(event) && !handedOffNow) {
            actions = List.of(new AgentAction.Say(dev.candor.dialog.policy.BuiltInPolicy.CONNECTING),
                    new AgentAction.Handoff(HandoffReason.CALLER_REQUEST,
                            "The caller asked for a person and the dialog policy did not act on it. "
                                    + "The guardrail handed the call over."),
                    new AgentAction.Decision("guardrail_handoff", "caller_request",
                            "the policy answered a request for a person without handing off"));
        }
        return guard(actions);
    }

    /**
     * Guards a streamed turn sentence by sentence: each Say passes the tone, honesty and catalog checks
     * as it comes, and the turn as a whole keeps to the spoken length limit (two sentences, about 40
     * words); the sentence that would break it is not said and the stream is stopped, with a decision.
     */
    private final class StreamGuard implements ActionSink {
        private final ActionSink downstream;
        private final StringBuilder said = new StringBuilder();
        private boolean handoff;
        private boolean cut;

        StreamGuard(ActionSink downstream) {
            this.downstream = downstream;
        }

        @Override
        public boolean offer(AgentAction action) {
            if (cut) {
                return false;
            }
            if (action instanceof AgentAction.Handoff) {
                handoff = true;
                handedOff = true;
            }
            List<AgentAction> guarded;
            boolean more = true;
            if (action instanceof AgentAction.Say say) {
                List<AgentAction> checked = checkSay(say.text(), false);
                if (checked.isEmpty() || !(checked.get(0) instanceof AgentAction.Say kept)) {
                    guarded = checked; // the whole sentence was filtered out: only the decision remains
                    for (AgentAction a : disclosure.apply(guarded)) {
                        more &= downstream.offer(a);
                    }
                    return more;
                }
                String text = kept.text();
                String whole = said.isEmpty() ? text : said + " " + text;
                GuardrailDecision length = new LengthGuardrail().check(whole);
                if (length instanceof GuardrailDecision.Rewrite rewrite) {
                    cut = true;
                    more = false;
                    String fits = rewrite.text();
                    String rest = fits.startsWith(said.toString()) ? fits.substring(said.length()).strip() : "";
                    List<AgentAction> out = new ArrayList<>();
                    if (!rest.isEmpty()) {
                        out.add(new AgentAction.Say(rest));
                    }
                    out.addAll(checked.subList(1, checked.size()));
                    out.add(new AgentAction.Decision("guardrail_rewrite", "length: " + rewrite.reason(),
                            "the streamed reply was stopped before \"" + text + "\""));
                    guarded = out;
                } else {
                    said.append(said.isEmpty() ? "" : " ").append(text);
                    guarded = checked;
                }
            } else {
                guarded = guard(List.of(action));
            }
            for (AgentAction a : disclosure.apply(guarded)) {
                more &= downstream.offer(a);
            }
            return more;
        }
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
        return checkSay(original, true);
    }

    /** The Say after the guardrails, then a decision per rewrite; the length check only when asked. */
    private List<AgentAction> checkSay(String original, boolean length) {
        String text = original;
        List<AgentAction> decisions = new ArrayList<>();
        for (SayGuardrail guardrail : sayGuardrails) {
            if (!length && guardrail instanceof LengthGuardrail) {
                continue;
            }
            GuardrailDecision decision = guardrail.check(text);
            if (decision instanceof GuardrailDecision.Rewrite rewrite) {
                decisions.add(new AgentAction.Decision("guardrail_rewrite", guardrail.name() + ": " + rewrite.reason(),
                        "\"" + text + "\" -> \"" + rewrite.text() + "\""));
                text = rewrite.text();
            }
        }
        List<AgentAction> out = new ArrayList<>();
        if (!text.isBlank()) {
            out.add(new AgentAction.Say(text));
        }
        out.addAll(decisions);
        return out;
    }
}
