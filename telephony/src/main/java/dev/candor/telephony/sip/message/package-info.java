/**
 * The SIP message model (RFC 3261 §7, §20, §25): {@link dev.candor.telephony.sip.message.SipRequest},
 * {@link dev.candor.telephony.sip.message.SipResponse}, raw {@link dev.candor.telephony.sip.message.SipHeaders}
 * with typed headers parsed on demand ({@link dev.candor.telephony.sip.message.Via},
 * {@link dev.candor.telephony.sip.message.NameAddr}, {@link dev.candor.telephony.sip.message.CSeq},
 * {@link dev.candor.telephony.sip.message.SipUri}), and the one datagram parser
 * {@link dev.candor.telephony.sip.message.SipParser}.
 *
 * <p>Pure values and functions only: no I/O, no Netty, no clocks. Network input goes through a
 * {@code parse} method that returns errors as values ({@link dev.candor.telephony.sip.message.ParseResult});
 * {@code of} factories are for code and throw {@link java.lang.IllegalArgumentException} on misuse.
 * Transactions, dialogs and transports live elsewhere and must not be added here.
 */
package dev.candor.telephony.sip.message;
