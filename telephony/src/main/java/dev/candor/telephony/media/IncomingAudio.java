package dev.candor.telephony.media;

import java.util.Objects;

/**
 * The caller's audio as the media clock needs it: one 20 ms PCM frame per tick, taken from a
 * {@link JitterBuffer}, decoded from G.711 and concealed where a packet is missing.
 *
 * <p>Payload type 0 is decoded as µ-law and 8 as A-law (their static assignments, RFC 3551);
 * {@link JitterBuffer.Frame.Lost} and {@link JitterBuffer.Frame.Empty} are concealed by the
 * {@link PcmConcealer}. Anything else that comes out of the buffer in sequence (RFC 4733
 * telephone events, whose digits {@link DtmfReceiver} reports, or a payload that is not one 20 ms
 * frame) plays as silence.
 *
 * <p>Not thread-safe: call {@link #nextFrame} from the media clock only; the I/O thread feeds the
 * buffer directly.
 */
public final class IncomingAudio {

    /** Static payload type of PCMU. */
    public static final int PCMU = 0;
    /** Static payload type of PCMA. */
    public static final int PCMA = 8;

    private final JitterBuffer buffer;
    private final PcmConcealer concealer = PcmConcealer.forG711();

    public IncomingAudio(JitterBuffer buffer) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
    }

    /** This tick's frame of {@value PlaybackQueue#FRAME_SAMPLES} samples, a new array. */
    public short[] nextFrame(long nowMillis) {
        JitterBuffer.Frame frame = buffer.poll(nowMillis);
        if (!(frame instanceof JitterBuffer.Frame.Audio audio)) {
            return concealer.conceal();
        }
        G711.Law law = lawFor(audio.packet().payloadType());
        if (law == null || audio.packet().payloadLength() != PlaybackQueue.FRAME_SAMPLES) {
            return new short[PlaybackQueue.FRAME_SAMPLES];
        }
        byte[] payload = audio.packet().payload();
        return concealer.good(law.decode(payload, 0, payload.length));
    }

    private static G711.Law lawFor(int payloadType) {
        switch (payloadType) {
            case PCMU:
                return G711.Law.MU_LAW;
            case PCMA:
                return G711.Law.A_LAW;
            default:
                return null;
        }
    }
}
