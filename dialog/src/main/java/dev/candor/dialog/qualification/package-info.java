/**
 * What Candor learns about a lead: the lead record, BANT slots (budget, authority, need, timeline)
 * filled from the caller's own words, and the lead score with its reasons. The score reads BANT slots
 * and conversation signals only; it never sees the lead's name, gender, age, ethnicity or location,
 * and {@link dev.candor.dialog.qualification.LeadScorer} takes no {@link dev.candor.dialog.qualification.Lead}
 * so that it cannot.
 */
package dev.candor.dialog.qualification;
