package dev.candor.telephony.rtp;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The outgoing header state of one RTP stream: SSRC, next sequence number and current timestamp.
 *
 * <p>Audio: call {@link #next} once per frame with the frame's sample count; the sequence number
 * goes up by one (wrapping at 65536) and the timestamp by {@code samples} (wrapping at
 * 2<sup>32</sup>).
 *
 * <p>DTMF (RFC 4733 §2.5.1): every packet of one event carries the timestamp of the event's start,
 * while time goes on. Send the train with {@link #nextKeepingTimestamp}, which uses the current
 * timestamp and moves only the sequence number; then, before the next audio frame, call
 * {@link #advance} with the samples that elapsed while the train was sent (160 per 20 ms tick), so
 * that audio continues at a timestamp consistent with wall time:
 *
 * <pre>{@code
 * for (DtmfSender.Packet p : DtmfSender.packetsFor('5', 100)) {   // one per tick
 *     send(sequencer.nextKeepingTimestamp(101, p.marker(), p.event().toBytes()));
 * }
 * sequencer.advance(ticksUsed * 160);
 * send(sequencer.next(0, false, ulawFrame, 160));
 * }</pre>
 *
 * <p>Not thread-safe: one stream is driven by one thread (the media clock).
 */
public final class RtpSequencer {

    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

    private final long ssrc;
    private int sequenceNumber;
    private long timestamp;

    /**
     * @param ssrc             0–2<sup>32</sup>-1
     * @param initialSequence  0–65535, the sequence number of the first packet
     * @param initialTimestamp 0–2<sup>32</sup>-1, the timestamp of the first packet
     */
    public RtpSequencer(long ssrc, int initialSequence, long initialTimestamp) {
        if (ssrc < 0 || ssrc > TIMESTAMP_MASK) {
            throw new IllegalArgumentException("invalid SSRC: " + ssrc + " (expected 0–" + TIMESTAMP_MASK + ")");
        }
        if (initialSequence < 0 || initialSequence > 0xFFFF) {
            throw new IllegalArgumentException(
                    "invalid initial sequence number: " + initialSequence + " (expected 0–65535)");
        }
        if (initialTimestamp < 0 || initialTimestamp > TIMESTAMP_MASK) {
            throw new IllegalArgumentException(
                    "invalid initial timestamp: " + initialTimestamp + " (expected 0–" + TIMESTAMP_MASK + ")");
        }
        this.ssrc = ssrc;
        this.sequenceNumber = initialSequence;
        this.timestamp = initialTimestamp;
    }

    /** A sequencer with random SSRC, initial sequence number and timestamp (RFC 3550 §5.1). */
    public static RtpSequencer random(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return new RtpSequencer(random.nextLong() & TIMESTAMP_MASK, random.nextInt(0x10000),
                random.nextLong() & TIMESTAMP_MASK);
    }

    /**
     * The next packet of the stream, stamped with the current timestamp; afterwards the timestamp
     * moves on by {@code samples}.
     *
     * @param samples the samples the payload covers, e.g. 160 for 20 ms at 8 kHz; 0 or more
     */
    public RtpPacket next(int payloadType, boolean marker, byte[] payload, int samples) {
        requireSamples(samples);
        RtpPacket packet = nextKeepingTimestamp(payloadType, marker, payload);
        advance(samples);
        return packet;
    }

    /**
     * The next packet of the stream with the current timestamp, which stays where it is: for the
     * packets of one RFC 4733 event. Call {@link #advance} when the event is over.
     */
    public RtpPacket nextKeepingTimestamp(int payloadType, boolean marker, byte[] payload) {
        RtpPacket packet = RtpPacket.of(payloadType, marker, sequenceNumber, timestamp, ssrc, payload);
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        return packet;
    }

    /** Moves the timestamp on by {@code samples} without sending, e.g. after a DTMF train or a pause. */
    public void advance(int samples) {
        requireSamples(samples);
        timestamp = (timestamp + samples) & TIMESTAMP_MASK;
    }

    /** The timestamp the next packet will carry. */
    public long timestamp() {
        return timestamp;
    }

    /** The sequence number the next packet will carry. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    public long ssrc() {
        return ssrc;
    }

    private static void requireSamples(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("invalid sample count: " + samples + " (expected 0 or more)");
        }
    }
}
