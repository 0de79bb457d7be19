/**
 * Flood and abuse limits, as pure code: a per-source token bucket with temporary bans, the set of
 * trusted addresses (trunks) that are never limited, the {@link dev.candor.telephony.sip.limits.SipIngress}
 * that every transport calls with one framed message, and {@link dev.candor.telephony.sip.limits.LogSafe}
 * for putting network text in a log line. Time is injected; nothing here imports Netty or blocks.
 */
package dev.candor.telephony.sip.limits;
