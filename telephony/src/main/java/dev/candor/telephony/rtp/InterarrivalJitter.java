package dev.candor.telephony.rtp;

/**
 * The interarrival jitter estimator of RFC 3550 §6.4.1, in the integer form of §A.8.
 *
 * <p>For packets <i>i</i> and <i>j</i> with RTP timestamps <i>S</i> and arrival times <i>R</i>,
 * both in timestamp units, the transit difference is {@code D(i,j) = (Rj - Ri) - (Sj - Si)} and the
 * estimate moves a sixteenth of the way towards {@code |D|} with every packet:
 * {@code J += (|D| - J) / 16}. As in §A.8, the estimate is kept scaled by 16
 * ({@code jitter += |d| - ((jitter + 8) >> 4)}) so the arithmetic stays in integers and matches
 * what other implementations put in their report blocks.
 *
 * <p>Arrival times come in milliseconds from the caller's clock and are converted to timestamp
 * units with the payload's clock rate. Transit times are computed modulo 2<sup>32</sup>, so a
 * timestamp wrap does not disturb the estimate; a new timestamp base (a new SSRC) must
 * {@link #reset()} it. Feed it only packets of one payload clock: RFC 4733 events, which repeat
 * their timestamp, would read as jitter.
 *
 * <p>Not thread-safe.
 */
public final class InterarrivalJitter {

    private final int clockRateHz;
    private boolean primed;
    private int lastTransit;
    /** The estimate in timestamp units, times 16. */
    private long scaledJitter;

    /** @param clockRateHz the RTP clock rate of the payload, e.g. 8000 for G.711 */
    public InterarrivalJitter(int clockRateHz) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("invalid clock rate: " + clockRateHz + " Hz (expected above 0)");
        }
        this.clockRateHz = clockRateHz;
    }

    /**
     * Takes one packet into the estimate.
     *
     * @param rtpTimestamp  the packet's RTP timestamp, 0–2<sup>32</sup>-1
     * @param arrivalMillis when it arrived, on any monotonic millisecond clock
     */
    public void update(long rtpTimestamp, long arrivalMillis) {
        int arrival = (int) (arrivalMillis * clockRateHz / 1000);
        int transit = arrival - (int) rtpTimestamp;
        if (primed) {
            long d = Math.abs((long) (transit - lastTransit)); // int subtraction: modulo 2^32
            scaledJitter += d - ((scaledJitter + 8) >> 4);
        }
        lastTransit = transit;
        primed = true;
    }

    /** The estimate in timestamp units, as carried in an RTCP report block. */
    public long jitter() {
        return scaledJitter >> 4;
    }

    /** The estimate in milliseconds. */
    public double jitterMillis() {
        return (scaledJitter / 16.0) * 1000.0 / clockRateHz;
    }

    /** Forgets everything: the next packet starts a new estimate. */
    public void reset() {
        primed = false;
        lastTransit = 0;
        scaledJitter = 0;
    }
}
