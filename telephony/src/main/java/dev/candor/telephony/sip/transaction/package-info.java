/**
 * SIP transactions as RFC 3261 §17 defines them, with the RFC 6026 "Accepted" state for INVITEs
 * answered 2xx.
 *
 * <p>Four pure state machines, {@link dev.candor.telephony.sip.transaction.InviteClientTransaction},
 * {@link dev.candor.telephony.sip.transaction.NonInviteClientTransaction},
 * {@link dev.candor.telephony.sip.transaction.InviteServerTransaction} and
 * {@link dev.candor.telephony.sip.transaction.NonInviteServerTransaction}: each takes a
 * {@link dev.candor.telephony.sip.transaction.TransactionEvent} and returns the
 * {@link dev.candor.telephony.sip.transaction.TransactionEffect}s to carry out (send, pass to the
 * transaction user, start or cancel a timer, terminate). States and timers carry the RFC's names.
 * They share the package-private {@code AbstractTransaction} (request, key, state, event dispatch,
 * terminate); each keeps its own figure's states, handlers and timers.
 *
 * <p>{@link dev.candor.telephony.sip.transaction.TransactionLayer} is the adapter: it matches messages
 * to transactions (§17.1.3, §17.2.3), carries out the effects, and runs every timer on one injected
 * {@link dev.candor.telephony.sip.transaction.TimerService} (the SIP thread), never a thread per
 * transaction. Nothing here imports Netty or reads a clock; dialogs and calls live in
 * {@code sip.ua} and must not be added here.
 */
package dev.candor.telephony.sip.transaction;
