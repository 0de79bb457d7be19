/**
 * Export and erasure of everything Candor keeps about one phone number ({@link dev.candor.app.privacy.DataSubjects}),
 * for the API ({@code /api/subjects/{phone}}) and the command line ({@code candor data}). The SQL lives in
 * {@link dev.candor.app.storage.DataSubjectStore}; nothing here talks to the network or to live calls
 * except through the in-progress test its callers pass in.
 */
package dev.candor.app.privacy;
