/**
 * The built-in dialog policy that runs when no LLM is configured. It decides; the guardrails then
 * check what it decided.
 */
package dev.candor.dialog.policy;
