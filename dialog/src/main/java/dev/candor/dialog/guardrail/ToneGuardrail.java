package dev.candor.dialog.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Calm, plain tone. Sentences that perform feelings ("I understand how frustrating that must be",
 * "I'm so sorry!", "That's fantastic!") are dropped, gushing openers are cut, and exclamation marks
 * become full stops, so what is left is the plain content ("The invoice was wrong; a person can fix
 * that today."). If nothing is left, a plain acknowledgement is said instead.
 */
public final class ToneGuardrail implements SayGuardrail {
    static final String PLAIN_ACKNOWLEDGEMENT = "Thanks for telling me.";
    private static final Pattern PERFORMED_FEELING = Pattern.compile(
            "(?i)\\b(i (completely |totally |really |fully |truly )?understand (how|just how|why|that|your)"
                    + "|i('m| am) (so|very|really|terribly|truly|deeply|extremely|incredibly) sorry"
                    + "|i can (only )?imagine|i feel your|my heart|i totally get|i hear you|that must (be|have been)"
                    + "|how (frustrating|upsetting|awful|terrible|annoying)|i('m| am) (thrilled|delighted|so happy|so excited|excited)"
                    + "|(what|such) a (great|fantastic|wonderful|excellent) (question|idea|choice)"
                    + "|(that's|that is|this is) (fantastic|amazing|wonderful|awesome|brilliant|incredible|so exciting)"
                    + "|i (absolutely |just )?love (that|this|it)|please accept my (sincere |deepest )?apolog|i apologi[sz]e (profusely|sincerely))");
    private static final Pattern GUSHING_OPENER = Pattern.compile(
            "(?i)^(absolutely|wonderful|fantastic|amazing|awesome|great|wow|oh|perfect|excellent|of course)[,!.]+\\s*");

    @Override
    public String name() {
        return "tone";
    }

    @Override
    public GuardrailDecision check(String text) {
        List<String> kept = new ArrayList<>();
        for (String sentence : Sentences.split(text)) {
            if (PERFORMED_FEELING.matcher(sentence).find()) {
                continue;
            }
            String s = GUSHING_OPENER.matcher(sentence).replaceFirst("");
            s = s.replaceAll("!+", ".").replaceAll("\\.{2,}", ".");
            if (!s.isBlank()) {
                kept.add(Character.toUpperCase(s.charAt(0)) + s.substring(1));
            }
        }
        String result = kept.isEmpty() ? PLAIN_ACKNOWLEDGEMENT : Sentences.join(kept);
        return result.equals(text) ? GuardrailDecision.allow()
                : new GuardrailDecision.Rewrite(result, "over-emotive phrasing removed");
    }
}
