/**
 * Intent detection: what a caller's utterance asks for (a person, stop calling, yes, no, goodbye,
 * repeat, a question, an objection). Pure functions of the text: a lexicon that tolerates speech
 * recogniser misspellings, and optionally embedding similarity to labelled examples. No dialog state
 * lives here.
 */
package dev.candor.dialog.intent;
