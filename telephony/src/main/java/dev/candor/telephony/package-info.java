/**
 * SIP, SDP, RTP and G.711: everything Candor needs to be a telephone. Knows nothing of speech or AI;
 * other modules see calls as {@code CallLeg}s that carry 8 kHz, 16-bit PCM frames of 20 ms.
 */
package dev.candor.telephony;
