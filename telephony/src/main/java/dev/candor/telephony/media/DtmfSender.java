package dev.candor.telephony.media;

import dev.candor.telephony.rtp.TelephoneEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the RFC 4733 packet train for one DTMF key press.
 *
 * <p>The train is one packet per 20 ms with the duration so far (in 8 kHz timestamp units, 160 per
 * packet), the marker bit on the first packet only, then the end packet (E bit, final duration)
 * three times, as RFC 4733 §2.5.1.4 recommends. Volume is {@value #VOLUME} (-10 dBm0).
 *
 * <p>The caller numbers the packets: every packet gets the next sequence number but all share the
 * timestamp of the event's start. Send one packet per media clock tick with
 * {@link dev.candor.telephony.rtp.RtpSequencer#nextKeepingTimestamp}, then
 * {@link dev.candor.telephony.rtp.RtpSequencer#advance advance} the sequencer by 160 samples per
 * tick used before audio resumes.
 */
public final class DtmfSender {

    /** Power level of generated events, in -dBm0. */
    public static final int VOLUME = 10;
    /** How often the end packet is sent. */
    public static final int END_PACKET_COPIES = 3;
    /** Timestamp units per 20 ms packet at 8 kHz. */
    public static final int SAMPLES_PER_PACKET = 160;
    /** Shortest press accepted: one packet. */
    public static final int MIN_DURATION_MILLIS = 20;
    /** Longest press that fits the 16-bit duration field at 8 kHz. */
    public static final int MAX_DURATION_MILLIS = 0xFFFF / 8;

    private static final int SAMPLES_PER_MILLI = 8;

    private DtmfSender() {
    }

    /** One packet of the train. */
    public record Packet(TelephoneEvent event, boolean marker) {
        public Packet {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The packets for pressing {@code digit} for {@code durationMillis}: the updates at 20, 40, ...
     * ms while the press lasts, then three end packets carrying the full duration.
     *
     * @throws IllegalArgumentException if the digit is not 0-9, *, #, A-D or the duration is not
     *     {@value #MIN_DURATION_MILLIS}–{@value #MAX_DURATION_MILLIS} ms
     */
    public static List<Packet> packetsFor(char digit, int durationMillis) {
        int code = TelephoneEvent.eventFor(digit);
        if (durationMillis < MIN_DURATION_MILLIS || durationMillis > MAX_DURATION_MILLIS) {
            throw new IllegalArgumentException("invalid DTMF duration: " + durationMillis + " ms (expected "
                    + MIN_DURATION_MILLIS + "–" + MAX_DURATION_MILLIS + ")");
        }
        int totalSamples = durationMillis * SAMPLES_PER_MILLI;
        List<Packet> packets = new ArrayList<>();
        for (int duration = SAMPLES_PER_PACKET; duration < totalSamples; duration += SAMPLES_PER_PACKET) {
            packets.add(new Packet(new TelephoneEvent(code, false, VOLUME, duration), packets.isEmpty()));
        }
        TelephoneEvent end = new TelephoneEvent(code, true, VOLUME, totalSamples);
        for (int i = 0; i < END_PACKET_COPIES; i++) {
            packets.add(new Packet(end, packets.isEmpty()));
        }
        return List.copyOf(packets);
    }
}
