package dev.candor.telephony.sip.ua;

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

    /** Where outgoing audio comes from, one 160-sample frame per tick; {@code null} means silence. */
    interface FrameSource {
        short[] nextFrame();
    }

    /** What the media channel reports: called on media threads, must not block. */
    interface MediaEvents {
        void onDtmf(char digit);

        void onAudio(short[] frame);
    }
}
