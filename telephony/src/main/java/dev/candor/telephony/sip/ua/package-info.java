/**
 * Candor's SIP user agent: the UAS and UAC cores on top of the transaction layer
 * ({@link dev.candor.telephony.sip.transaction.TransactionLayer}, which owns every retransmission and
 * transaction timer except the UAS core's 2xx retransmission, {@code Retransmission}); dialogs, turned
 * into {@link dev.candor.telephony.call.CallLeg}s; Candor's registration at its trunk
 * ({@code TrunkRegistration}) and cold transfer ({@code ReferTransfer}).
 * Everything here runs on one thread, the SIP event loop, reached through {@link
 * dev.candor.telephony.sip.ua.SipScheduler}; no class imports Netty, so tests drive it with a fake
 * transport and virtual time.
 */
package dev.candor.telephony.sip.ua;
