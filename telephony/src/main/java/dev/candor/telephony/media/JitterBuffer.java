package dev.candor.telephony.media;

import dev.candor.telephony.rtp.InterarrivalJitter;
import dev.candor.telephony.rtp.RtpPacket;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The adaptive jitter buffer of one incoming audio stream: packets go in out of order on the I/O
 * thread, 20 ms frames come out in order on the media clock.
 *
 * <p><b>Playout.</b> Slots are RTP sequence numbers, extended past 65535 so that wrap-around keeps
 * the order; one frame is {@value #FRAME_MILLIS} ms. {@link #poll} is called once per tick and
 * returns the packet of the next slot ({@link Frame.Audio}), a {@link Frame.Lost} when that packet
 * has not arrived while later ones have (so the caller conceals it), or {@link Frame.Empty} while
 * there is nothing to play: before the first packet, while building up delay, and after an
 * underrun. An underrun (the buffer ran dry) does not skip slots: the buffer waits, builds its delay
 * back up to the target, and resumes at the slot it stopped at, so a delay spike or a pause in the
 * stream costs no loss. Slots whose packets are still missing when it resumes were covered by the
 * empty frames of the underrun; they are counted lost and skipped rather than played late, so a
 * burst of loss does not turn into delay. Packets for slots already passed are late; packets already buffered or
 * played are duplicates; both are dropped and counted.
 *
 * <p><b>Adaptation.</b> The target delay is one frame plus {@value #JITTER_MULTIPLIER} times the
 * RFC 3550 interarrival jitter estimate (§A.8), rounded to the nearest whole frame and kept within
 * {@value #MIN_DELAY_MILLIS}–{@value #MAX_DELAY_MILLIS} ms. The buffer starts (and restarts after
 * an underrun) once it holds the target delay, or once its oldest packet has waited that long; so
 * the delay grows only when the network forces it. It shrinks while the buffered audio exceeds the
 * target by more than one frame, by skipping one frame every {@value #SHRINK_INTERVAL_TICKS} ticks
 * at most (a 10 % speed-up, not a jump). At most {@value #CAPACITY_FRAMES} frames are held; more
 * push the oldest out.
 *
 * <p><b>Restarts.</b> A packet with a new SSRC starts a new stream at once. A sequence number more
 * than {@value #MAX_DROPOUT} ahead or {@value #MAX_MISORDER} behind the highest one seen is ignored
 * unless the next packet follows it in sequence, which confirms a restart (the probation rule of
 * RFC 3550 §A.1). A restart drops what is buffered and starts over with an empty buffer.
 *
 * <p><b>Telephone events.</b> Put every packet of the stream, RFC 4733 events included: they take
 * sequence numbers, and leaving them out would read as loss. They come out in order as
 * {@link Frame.Audio} with their payload type; the consumer plays silence or concealment for them
 * and leaves the digits to {@link DtmfReceiver}. A packet that repeats the timestamp of the packet
 * put before it (the updates and end packets of one event) stays out of the jitter estimate, which
 * would otherwise read the event as 20 ms of jitter per packet.
 *
 * <p><b>Threads.</b> One producer calls {@link #put}, one consumer calls {@link #poll}; any thread
 * may read {@link #statistics()}. A private lock guards the state; every call is short and never
 * blocks on anything else.
 */
public final class JitterBuffer {

    /** Duration of one frame, one RTP packet, one media clock tick. */
    public static final int FRAME_MILLIS = 20;
    /** The smallest target delay: one frame. */
    public static final int MIN_DELAY_MILLIS = 20;
    /** The largest target delay. */
    public static final int MAX_DELAY_MILLIS = 200;
    /** The target delay covers one frame plus this many times the jitter estimate. */
    public static final double JITTER_MULTIPLIER = 3.0;
    /** At most one frame is skipped to shrink the delay per this many polls. */
    public static final int SHRINK_INTERVAL_TICKS = 10;
    /** The most frames held; a packet beyond pushes the oldest out. */
    public static final int CAPACITY_FRAMES = 50;
    /** RFC 3550 §A.1: the largest forward jump taken as loss rather than a restart. */
    public static final int MAX_DROPOUT = 3000;
    /** RFC 3550 §A.1: the largest backward step taken as reordering rather than a restart. */
    public static final int MAX_MISORDER = 100;

    private static final int HISTORY_SLOTS = 64;
    private static final long FIRST_EXTENDED = 1L << 32;

    /** What {@link #poll} gives for one tick. */
    public sealed interface Frame {

        /** The next packet in sequence; decode its payload. */
        record Audio(RtpPacket packet) implements Frame {
            public Audio {
                Objects.requireNonNull(packet, "packet");
            }
        }

        /** The packet of this slot has not arrived but later ones have: conceal one frame. */
        record Lost(int sequenceNumber) implements Frame {
        }

        /** Nothing to play this tick (not started, building delay, underrun): conceal or play silence. */
        record Empty() implements Frame {
        }
    }

    private static final Frame.Empty EMPTY = new Frame.Empty();

    private enum State { IDLE, BUFFERING, PLAYING }

    private record Entry(RtpPacket packet, long arrivalMillis) {
    }

    private final Object lock = new Object();
    private final InterarrivalJitter jitter;
    private final TreeMap<Long, Entry> buffered = new TreeMap<>();

    private State state = State.IDLE;
    private long ssrc;
    /** Extended sequence number of the highest packet of this stream. */
    private long highestSeq;
    /** Extended sequence number of the slot the next poll plays. */
    private long nextSeq;
    /** Whether a slot of this stream has been played, lost or skipped: the playout order is fixed. */
    private boolean started;
    /** Bit i set: the packet of slot {@code nextSeq - 1 - i} was played or dropped, not missed. */
    private long history;
    /** The 16-bit sequence number that would confirm a jump, or -1. */
    private int probationSeq = -1;
    private int pollsSinceShrink;
    private int currentDelayMillis;
    /** The timestamp of the last packet taken into the jitter estimate, or -1. */
    private long lastJitterTimestamp = -1;

    private long received;
    private long played;
    private long lost;
    private long late;
    private long duplicates;
    private long dropped;
    private long restarts;

    /** @param clockRateHz the payload's RTP clock rate, 8000 for G.711 */
    public JitterBuffer(int clockRateHz) {
        this.jitter = new InterarrivalJitter(clockRateHz);
    }

    /** A buffer for an 8 kHz payload such as G.711. */
    public static JitterBuffer forG711() {
        return new JitterBuffer(8000);
    }

    /**
     * Takes one incoming packet of the stream.
     *
     * @param arrivalMillis when it arrived, on the same monotonic millisecond clock as {@link #poll}
     */
    public void put(RtpPacket packet, long arrivalMillis) {
        Objects.requireNonNull(packet, "packet");
        synchronized (lock) {
            received++;
            if (state == State.IDLE || packet.ssrc() != ssrc) {
                restart(packet);
            } else {
                long ext = extend(packet.sequenceNumber());
                long step = ext - highestSeq;
                if (step > MAX_DROPOUT || step < -MAX_MISORDER) {
                    if (packet.sequenceNumber() != probationSeq) {
                        probationSeq = (packet.sequenceNumber() + 1) & 0xFFFF;
                        return;
                    }
                    restart(packet);
                }
            }
            probationSeq = -1;
            accept(packet, arrivalMillis);
        }
    }

    /**
     * The frame for this tick.
     *
     * @param nowMillis the current time on the clock {@link #put} uses
     */
    public Frame poll(long nowMillis) {
        synchronized (lock) {
            pollsSinceShrink++;
            if (state == State.BUFFERING && readyToPlay(nowMillis)) {
                state = State.PLAYING;
                pollsSinceShrink = 0;
                skipMissedDuringUnderrun();
            }
            if (state != State.PLAYING) {
                currentDelayMillis = 0;
                return EMPTY;
            }
            if (buffered.isEmpty()) {
                state = State.BUFFERING;
                currentDelayMillis = 0;
                return EMPTY;
            }
            if (depthFrames() > targetFrames() + 1 && pollsSinceShrink >= SHRINK_INTERVAL_TICKS) {
                skipHead();
                pollsSinceShrink = 0;
            }
            currentDelayMillis = depthFrames() * FRAME_MILLIS;
            long slot = nextSeq;
            Entry entry = buffered.remove(slot);
            advance(entry != null);
            if (entry == null) {
                lost++;
                return new Frame.Lost((int) (slot & 0xFFFF));
            }
            played++;
            return new Frame.Audio(entry.packet());
        }
    }

    /** The counters and delays now. */
    public JitterBufferStatistics statistics() {
        synchronized (lock) {
            return new JitterBufferStatistics(received, played, lost, late, duplicates, dropped, restarts,
                    currentDelayMillis, targetDelayMillis(), jitter.jitterMillis());
        }
    }

    /** The delay the buffer aims for now, 20–200 ms in whole frames. */
    public int targetDelayMillis() {
        synchronized (lock) {
            return targetFrames() * FRAME_MILLIS;
        }
    }

    private void accept(RtpPacket packet, long arrivalMillis) {
        long ext = extend(packet.sequenceNumber());
        if (ext < nextSeq) {
            if (!started) {
                nextSeq = ext;              // nothing played yet: the stream starts earlier
            } else {
                countBehind(nextSeq - ext);
                return;
            }
        }
        if (buffered.containsKey(ext)) {
            duplicates++;
            return;
        }
        buffered.put(ext, new Entry(packet, arrivalMillis));
        highestSeq = Math.max(highestSeq, ext);
        if (packet.timestamp() != lastJitterTimestamp) {
            jitter.update(packet.timestamp(), arrivalMillis);
            lastJitterTimestamp = packet.timestamp();
        }
        while (depthFrames() > CAPACITY_FRAMES) {
            skipHead();
        }
    }

    /** A packet {@code behind} slots before the next one to play: seen before, or too late. */
    private void countBehind(long behind) {
        if (behind <= HISTORY_SLOTS && (history >>> (behind - 1) & 1) != 0) {
            duplicates++;
        } else {
            late++;
        }
    }

    private void restart(RtpPacket packet) {
        if (state != State.IDLE) {
            restarts++;
            dropped += buffered.size();
        }
        buffered.clear();
        jitter.reset();
        lastJitterTimestamp = -1;
        state = State.BUFFERING;
        ssrc = packet.ssrc();
        highestSeq = FIRST_EXTENDED + packet.sequenceNumber();
        nextSeq = highestSeq;
        started = false;
        history = 0;
        pollsSinceShrink = 0;
        currentDelayMillis = 0;
    }

    private boolean readyToPlay(long nowMillis) {
        if (buffered.isEmpty()) {
            return false;
        }
        int targetMillis = targetFrames() * FRAME_MILLIS;
        return depthFrames() * FRAME_MILLIS >= targetMillis
                || nowMillis - buffered.firstEntry().getValue().arrivalMillis() >= targetMillis;
    }

    /**
     * On resuming after an underrun: the slots before the first packet that came back, whose
     * packets never arrived, were already covered by {@link Frame.Empty} frames in real time.
     * Playing them now as {@link Frame.Lost} would only add their length to the delay, so they are
     * counted lost and skipped, as long as the buffer still holds its target delay.
     */
    private void skipMissedDuringUnderrun() {
        while (started && !buffered.containsKey(nextSeq) && depthFrames() > targetFrames()) {
            lost++;
            advance(false);
        }
    }

    /** Drops the next slot without playing it, to shrink the delay or make room. */
    private void skipHead() {
        Map.Entry<Long, Entry> head = buffered.firstEntry();
        if (!started && head != null) {
            nextSeq = head.getKey();        // nothing played yet: no slot before the first packet is owed
        }
        boolean present = buffered.remove(nextSeq) != null;
        if (present) {
            dropped++;
        } else {
            lost++;
        }
        advance(present);
    }

    private void advance(boolean packetUsed) {
        history = history << 1 | (packetUsed ? 1 : 0);
        nextSeq++;
        started = true;
    }

    /** Slots from the next to play to the highest received, holes included. */
    private int depthFrames() {
        return (int) Math.max(0, highestSeq - nextSeq + 1);
    }

    private int targetFrames() {
        double millis = FRAME_MILLIS + JITTER_MULTIPLIER * jitter.jitterMillis();
        int frames = (int) Math.round(millis / FRAME_MILLIS);
        return Math.max(MIN_DELAY_MILLIS / FRAME_MILLIS, Math.min(MAX_DELAY_MILLIS / FRAME_MILLIS, frames));
    }

    /** The extended sequence number closest to the highest seen that ends in {@code seq}. */
    private long extend(int seq) {
        return highestSeq + (short) (seq - (int) (highestSeq & 0xFFFF));
    }
}
