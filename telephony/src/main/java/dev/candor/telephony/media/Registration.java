package dev.candor.telephony.media;

/** A listener's place on the {@link MediaClock}; closing it stops the ticks. Idempotent. */
public interface Registration extends AutoCloseable {

    @Override
    void close();
}
