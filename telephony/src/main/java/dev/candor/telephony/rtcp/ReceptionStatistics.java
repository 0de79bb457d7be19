package dev.candor.telephony.rtcp;

import dev.candor.telephony.rtp.InterarrivalJitter;

/**
 * What a receiver knows about one remote RTP source, kept as RFC 3550 §A.1 and §A.3 prescribe:
 * sequence number validation with probation, the extended highest sequence number, packets
 * expected and received, the fraction lost per report interval, and the §A.8 interarrival jitter.
 *
 * <p>A new source is on probation: it counts only once {@value #MIN_SEQUENTIAL} packets have come
 * in sequence, and counting starts at the packet that ends the probation (so the first packet of a
 * stream is not counted, exactly as in §A.1). A jump of {@value #MAX_DROPOUT} or more ahead, or
 * more than {@value #MAX_MISORDER} back, is ignored unless the next packet follows it, which
 * restarts the counts (the source restarted). Duplicates and reordered packets are counted as
 * received, so the cumulative loss can go negative (§6.4.1).
 *
 * <p>Not thread-safe; {@link RtcpStatistics} guards it.
 */
public final class ReceptionStatistics {

    /** §A.1: packets in sequence before a source is valid. */
    public static final int MIN_SEQUENTIAL = 2;
    /** §A.1: the largest jump ahead taken as loss. */
    public static final int MAX_DROPOUT = 3000;
    /** §A.1: the largest step back taken as reordering. */
    public static final int MAX_MISORDER = 100;

    private static final int SEQ_MOD = 1 << 16;

    private final long ssrc;
    private final InterarrivalJitter jitter;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    /**
     * Starts tracking a source whose first packet has sequence number {@code firstSeq}.
     *
     * @param clockRateHz the payload's RTP clock rate, for the jitter estimate
     */
    public ReceptionStatistics(long ssrc, int firstSeq, int clockRateHz) {
        this.ssrc = ssrc;
        this.jitter = new InterarrivalJitter(clockRateHz);
        initSeq(firstSeq);
        maxSeq = (firstSeq - 1) & 0xFFFF;
        probation = MIN_SEQUENTIAL;
    }

    /** The source these statistics describe. */
    public long ssrc() {
        return ssrc;
    }

    /**
     * Takes one received packet into the counts (§A.1 {@code update_seq}) and, when it is valid,
     * into the jitter estimate.
     *
     * @return whether the packet counts: false while on probation and for an unconfirmed jump
     */
    public boolean onPacket(int seq, long rtpTimestamp, long arrivalMillis) {
        if (!updateSeq(seq)) {
            return false;
        }
        jitter.update(rtpTimestamp, arrivalMillis);
        return true;
    }

    /** Whether the source has passed probation; only then is it reported on. */
    public boolean valid() {
        return probation == 0;
    }

    /** Packets counted as received, duplicates included. */
    public long received() {
        return received;
    }

    /** Cycles × 65536 + the highest sequence number, as a non-negative count. */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets expected: from the base sequence number to the extended highest, inclusive. */
    public long expected() {
        return extendedHighestSequence() - baseSeq + 1;
    }

    /** The jitter estimate in timestamp units. */
    public long jitter() {
        return jitter.jitter();
    }

    /**
     * The report block on this source (§A.3), which closes the current report interval: the next
     * block's fraction lost counts from here.
     *
     * @param lastSenderReport           the compact NTP time of the last SR from this source, or 0
     * @param delaySinceLastSenderReport in 1/65536 s, or 0 when no SR was received
     */
    public ReportBlock reportBlock(long lastSenderReport, long delaySinceLastSenderReport) {
        long expected = expected();
        long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST,
                Math.min(ReportBlock.MAX_CUMULATIVE_LOST, expected - received));
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        return new ReportBlock(ssrc, fraction, (int) lost, extendedHighestSequence() & 0xFFFF_FFFFL,
                jitter.jitter() & 0xFFFF_FFFFL, lastSenderReport, delaySinceLastSenderReport);
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;           // so seq == badSeq is false
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    private boolean updateSeq(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;      // in order, with permissible gap: wrapped
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                initSeq(seq);           // two sequential packets: the source restarted
                jitter.reset();
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: a duplicate or reordered packet
        received++;
        return true;
    }
}
