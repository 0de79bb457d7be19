/**
 * Media primitives for 8 kHz, 16-bit linear PCM in 20 ms frames of 160 samples: the G.711 codecs,
 * RFC 4733 DTMF sending and receiving, the adaptive {@link dev.candor.telephony.media.JitterBuffer}
 * and {@link dev.candor.telephony.media.PcmConcealer} of an incoming stream (joined with the
 * decoder in {@link dev.candor.telephony.media.IncomingAudio}), the outgoing
 * {@link dev.candor.telephony.media.PlaybackQueue} of a call leg, the conference
 * {@link dev.candor.telephony.media.Mixer} behind listen, whisper and barge, the stereo
 * {@link dev.candor.telephony.media.WavRecorder}, and the one
 * {@link dev.candor.telephony.media.MediaClock} that paces every call.
 *
 * <p>No Netty and no sockets here: the RTP adapter and the call leg drive these classes. Only the
 * media clock owns a thread; everything else is called on the caller's thread and says so. Time
 * comes in as arguments (milliseconds on the caller's clock), never from {@code System}.
 */
package dev.candor.telephony.media;
