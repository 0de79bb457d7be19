package dev.candor.telephony.sip.ua;

import java.util.concurrent.CompletionStage;

/** Opens RTP channels (binding a port from the configured range) without blocking the caller. */
public interface MediaFactory {
    CompletionStage<MediaChannel> open();
}
