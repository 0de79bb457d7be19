package dev.candor.telephony.media;

/**
 * Watches a leg's audio without taking part in it: recording, level meters. Unlike a leg's single
 * incoming and outgoing taps, which bridging and conferences own, a leg has any number of monitors and
 * adding one never disturbs the others.
 *
 * <p>Both methods are called on the media clock thread, once per 20 ms tick: they must return at once
 * (hand the frame to a queue, never touch a disk or a lock that I/O holds), and must not keep or change
 * the array, which may be shared: copy it.
 */
public interface MediaMonitor {

    /** The remote party's audio for this tick, after the jitter buffer and concealment. */
    void onReceived(short[] frame);

    /**
     * What this tick sends to the remote party: Candor's prompts mixed with any live audio (a bridged
     * agent, a barging supervisor); silence when nothing is sent. Not called for a tick that sends an
     * RFC 4733 key press instead of audio.
     */
    void onSent(short[] frame);
}
