/**
 * Guardrails: code, not prompt text, that every action passes through last, whichever policy or model
 * produced it. Each returns a decision rather than throwing.
 */
package dev.candor.dialog.guardrail;
