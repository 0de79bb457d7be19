/**
 * Candor's SIP user agent: answers and places calls (UAS and UAC cores with the timers of RFC 3261
 * §17 that a call needs), keeps dialogs, and turns them into {@link dev.candor.telephony.call.CallLeg}s;
 * registers Candor at its trunk ({@code TrunkRegistration}).
 * Everything here runs on one thread, the SIP event loop, reached through {@link
 * dev.candor.telephony.sip.ua.SipScheduler}; no class imports Netty, so tests drive it with a fake
 * transport and virtual time.
 */
package dev.candor.telephony.sip.ua;
