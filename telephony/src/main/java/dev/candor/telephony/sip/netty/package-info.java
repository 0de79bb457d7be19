/**
 * The thin Netty edge of SIP. {@code UdpSipChannel} hands each datagram to the pure {@code SipParser};
 * {@code StreamSipChannel} (TCP, or TLS: listening with a keystore, connect-only without) frames a byte stream by Content-Length with
 * {@code StreamSipDecoder} and hands each frame to the same parser; both answer or drop what is
 * malformed through the shared {@code SipIngress} and pass the rest to the user agent on the SIP
 * thread. {@code TransportSelector} is the user agent's one transport: it picks UDP, TCP or TLS per
 * message (RFC 3261 §18). Nothing here knows about calls, and nothing here blocks an event loop.
 */
package dev.candor.telephony.sip.netty;
