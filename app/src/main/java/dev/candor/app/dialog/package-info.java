/**
 * Builds dialog conversations from the configuration: the catalog, the caller's time zone, handoff
 * thresholds and sensitive topics. Construct one {@link dev.candor.app.dialog.DialogFactory} per node in
 * the composition root and ask it for a conversation per call; it holds nothing per call.
 */
package dev.candor.app.dialog;
