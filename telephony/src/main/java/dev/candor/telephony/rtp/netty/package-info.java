/**
 * The Netty adapter of the RTP path: {@link dev.candor.telephony.rtp.netty.NettyMediaFactory} binds an
 * RTP/RTCP port pair per call, and each channel's handler only hands datagrams and their senders to the
 * call's {@link dev.candor.telephony.rtp.session.RtpSession}, which holds all the RTP logic (latching,
 * jitter buffer, RTCP, DTMF). The media clock ticks the session; nothing here blocks an event loop.
 */
package dev.candor.telephony.rtp.netty;
