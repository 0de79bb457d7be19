/**
 * RTCP (RFC 3550 §6) as immutable values and pure codecs: sender and receiver reports with their
 * report blocks, source descriptions, goodbyes, and other packet types kept raw; compound packets
 * decoded with the §A.2 validity checks ({@link dev.candor.telephony.rtcp.RtcpPacket#decodeCompound},
 * errors as fixed {@link dev.candor.telephony.rtcp.RtcpError} values) and encoded by the mirror
 * {@link dev.candor.telephony.rtcp.RtcpPacket#encodeCompound}. Plus the bookkeeping that fills the
 * reports: {@link dev.candor.telephony.rtcp.ReceptionStatistics} (§A.1, §A.3, §A.8) and
 * {@link dev.candor.telephony.rtcp.RtcpStatistics} for one call leg, on an injected clock.
 *
 * <p>Pure code: no sockets, no threads, no timers, no Netty. The RTP adapter decides when to send
 * a report (about every 5 s) and moves the bytes; bad network input comes back as an error value,
 * misuse by calling code throws {@link java.lang.IllegalArgumentException}.
 */
package dev.candor.telephony.rtcp;
