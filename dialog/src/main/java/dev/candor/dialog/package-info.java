/**
 * The conversation engine: caller events in, agent actions out, every action through the guardrails last.
 * Text and events only; never imports telephony or speech.
 */
package dev.candor.dialog;
