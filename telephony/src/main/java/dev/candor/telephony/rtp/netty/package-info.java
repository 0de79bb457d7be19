/**
 * The Netty edge of RTP: binding a port per call leg from the configured range, decoding incoming
 * datagrams with the pure {@code RtpPacket} parser, and sending one packet per media clock tick.
 */
package dev.candor.telephony.rtp.netty;
