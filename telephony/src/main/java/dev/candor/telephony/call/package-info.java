/**
 * The telephony module's face to the rest of Candor: {@link dev.candor.telephony.call.SipEndpoint} accepts
 * and places calls, each a {@link dev.candor.telephony.call.CallLeg} that carries 8 kHz 16-bit PCM in
 * 20 ms frames. Nothing here imports Netty; callers never see SIP messages.
 */
package dev.candor.telephony.call;
