package dev.candor.dialog.guardrail;

/** Checks one sentence group Candor is about to say. Pure: the same text gets the same decision. */
public interface SayGuardrail {

    /** A short name stored with the decision, e.g. {@code tone}. */
    String name();

    GuardrailDecision check(String text);
}
