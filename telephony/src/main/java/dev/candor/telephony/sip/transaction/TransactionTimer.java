package dev.candor.telephony.sip.transaction;

/**
 * The transaction timers of RFC 3261 §17 (Table 4) and RFC 6026 §8.
 *
 * <ul>
 *   <li>{@link #A}: INVITE request retransmission, from T1 doubling (unreliable transports only)
 *   <li>{@link #B}: INVITE transaction timeout in Calling, 64 × T1
 *   <li>{@link #D}: wait for response retransmissions in Completed, ≥ 32 s unreliable, 0 reliable
 *   <li>{@link #E}: non-INVITE request retransmission, from T1 doubling to T2 (unreliable only)
 *   <li>{@link #F}: non-INVITE transaction timeout, 64 × T1
 *   <li>{@link #G}: INVITE final response retransmission, from T1 doubling to T2 (unreliable only)
 *   <li>{@link #H}: wait for the ACK of a non-2xx final response, 64 × T1
 *   <li>{@link #I}: wait for ACK retransmissions in Confirmed, T4 unreliable, 0 reliable
 *   <li>{@link #J}: wait for non-INVITE request retransmissions, 64 × T1 unreliable, 0 reliable
 *   <li>{@link #K}: wait for non-INVITE response retransmissions, T4 unreliable, 0 reliable
 *   <li>{@link #L}: INVITE server in Accepted (RFC 6026), 64 × T1
 *   <li>{@link #M}: INVITE client in Accepted (RFC 6026), 64 × T1
 *   <li>{@link #TRYING}: the 200 ms after which an INVITE server transaction sends 100 Trying itself
 * </ul>
 */
public enum TransactionTimer { A, B, D, E, F, G, H, I, J, K, L, M, TRYING }
