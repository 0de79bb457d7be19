/**
 * One call leg's RTP session (RFC 3550) without the network: {@link dev.candor.telephony.rtp.session.RtpSession}
 * takes datagrams in (RTP and RTCP, with their source addresses) and is ticked by the media clock;
 * it sends through a {@link dev.candor.telephony.rtp.session.RtpSession.Transport} the adapter
 * implements. Inside: symmetric-RTP latching ({@link dev.candor.telephony.rtp.session.SymmetricLatch}),
 * the jitter buffer and concealment of the incoming audio, talkspurt markers, RFC 4733 events both
 * ways, and RTCP reports on a randomised interval ({@link dev.candor.telephony.rtp.session.RtcpInterval}).
 *
 * <p>No Netty and no sockets here; the adapter in {@code rtp.netty} moves the bytes. Time and
 * randomness are injected.
 */
package dev.candor.telephony.rtp.session;
