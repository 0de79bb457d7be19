/**
 * The conversation engine: caller events ({@link dev.candor.dialog.CallerEvent}) in, agent actions
 * ({@link dev.candor.dialog.AgentAction}) out, every action through the {@link dev.candor.dialog.guardrail}
 * package last. Text and events only; never imports telephony or speech.
 */
package dev.candor.dialog;
