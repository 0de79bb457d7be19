/**
 * RTP (RFC 3550) packets and RFC 4733 telephone-event payloads as immutable values, plus the
 * per-stream outgoing header state ({@link dev.candor.telephony.rtp.RtpSequencer}) and the RFC 3550
 * interarrival jitter estimator ({@link dev.candor.telephony.rtp.InterarrivalJitter}) that the jitter
 * buffer and the RTCP statistics share.
 *
 * <p>Pure code: no sockets, no threads, no Netty. Network input is decoded by pure functions that
 * return errors as values ({@link dev.candor.telephony.rtp.RtpDecodeResult.Err}); misuse by
 * calling code (a payload type of 200, a sequence number of 70000) throws
 * {@link java.lang.IllegalArgumentException}. The Netty adapter that moves these packets over UDP
 * lives elsewhere and must not leak into this package.
 */
package dev.candor.telephony.rtp;
