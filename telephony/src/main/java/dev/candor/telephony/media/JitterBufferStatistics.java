package dev.candor.telephony.media;

/**
 * A snapshot of one {@link JitterBuffer}'s counters, cumulative since it was created (restarts
 * included).
 *
 * @param received           packets given to {@link JitterBuffer#put}
 * @param played             packets handed out as {@link JitterBuffer.Frame.Audio}
 * @param lost               slots handed out as {@link JitterBuffer.Frame.Lost}, or skipped while
 *                           shrinking the delay, because their packet had not arrived
 * @param late               packets that arrived after their slot had passed; dropped (their slot
 *                           was already counted in {@code lost})
 * @param duplicates         packets already buffered or played; dropped
 * @param dropped            packets buffered but never played: skipped to shrink the delay, pushed
 *                           out by an overfull buffer, or left over at a stream restart
 * @param restarts           times a new SSRC or a confirmed sequence jump restarted the stream
 * @param currentDelayMillis audio waiting in the buffer at the last poll, the frame then played
 *                           included, in milliseconds; 0 while not playing
 * @param targetDelayMillis  the delay the buffer currently aims for, 20–200 ms
 * @param jitterMillis       the RFC 3550 interarrival jitter estimate, in milliseconds
 */
public record JitterBufferStatistics(long received, long played, long lost, long late, long duplicates,
                                     long dropped, long restarts, int currentDelayMillis,
                                     int targetDelayMillis, double jitterMillis) {
}
