package dev.candor.telephony.sip.ua;

import dev.candor.telephony.media.MediaStatistics;
import dev.candor.telephony.sdp.MediaParameters;

/** The RTP side of one leg: a bound UDP port that starts sending and receiving once media is negotiated. */
public interface MediaChannel {

    int localPort();

    /**
     * Starts the stream to the negotiated remote address: every media clock tick takes one frame from
     * {@code source} and sends it; received packets are reported to {@code events}.
     */
    void start(MediaParameters parameters, FrameSource source, MediaEvents events);

    void close();

    /**
     * The peer changed the media direction by re-INVITE (hold, resume): send only when {@code direction}
     * (Candor's side of the answer) sends. Numbering goes on while silent, as RFC 3550 wants.
     */
    default void setDirection(dev.candor.telephony.sdp.Direction direction) {
    }

    /** What was sent, received and reported so far; {@link MediaStatistics#NONE} before {@link #start}. */
    default MediaStatistics statistics() {
        return MediaStatistics.NONE;
    }

    /**
     * Sends one RFC 4733 key press, after any press queued before.
     *
     * @return false when the stream has not started or telephone events were not negotiated
     * @throws IllegalArgumentException for a digit other than 0-9, *, #, A-D or a duration out of range
     */
    default boolean sendDtmf(char digit, int durationMillis) {
        return false;
    }

    /** Where outgoing audio comes from, one 160-sample frame per tick; {@code null} means silence. */
    interface FrameSource {
        short[] nextFrame();
    }

    /** What the media channel reports: called on media threads, must not block. */
    interface MediaEvents {
        void onDtmf(char digit);

        /** One 20 ms frame of the remote party's audio, every media clock tick once packets arrived. */
        void onAudio(short[] frame);

        /** The peer sent an RTCP report about our stream; {@code statistics} includes it. On the I/O thread. */
        default void onRemoteReport(MediaStatistics statistics) {
        }
    }
}
