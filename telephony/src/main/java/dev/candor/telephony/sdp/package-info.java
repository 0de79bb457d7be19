/**
 * SDP (RFC 4566) for audio calls and the offer/answer model (RFC 3264): parsing and writing
 * {@link dev.candor.telephony.sdp.SessionDescription}s, choosing G.711 and telephone-event
 * (RFC 4733) in {@link dev.candor.telephony.sdp.OfferAnswer}.
 *
 * <p>Pure values and functions: no sockets, no Netty, no RTP. What the RTP stack needs from a
 * negotiation is in {@link dev.candor.telephony.sdp.MediaParameters}. Parse errors use the SIP
 * message package's {@link dev.candor.telephony.sip.message.ParseResult}.
 */
package dev.candor.telephony.sdp;
