/**
 * SIP Digest authentication (RFC 3261 §22, RFC 7616, RFC 8760: MD5 and SHA-256, qop=auth), as pure
 * code: the hashes ({@link dev.candor.telephony.sip.auth.DigestAlgorithm}), the client side that
 * answers a 401/407 ({@link dev.candor.telephony.sip.auth.DigestClient}), the server's stateless
 * nonces with replay protection ({@link dev.candor.telephony.sip.auth.NonceService}) and the
 * registrar for agents' phones ({@link dev.candor.telephony.sip.auth.Registrar}). Passwords are
 * kept only as HA1 hashes; none of these classes logs a secret. Nothing here imports Netty.
 */
package dev.candor.telephony.sip.auth;
