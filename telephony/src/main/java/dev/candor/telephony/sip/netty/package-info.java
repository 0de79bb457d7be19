/**
 * The thin Netty edge of SIP: a UDP channel whose handler cuts datagrams, hands them to the pure
 * {@code SipParser}, answers or drops what is malformed, and passes the rest to the user agent on the
 * same event loop. Nothing here knows about calls.
 */
package dev.candor.telephony.sip.netty;
