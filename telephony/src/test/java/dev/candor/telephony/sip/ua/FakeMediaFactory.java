package dev.candor.telephony.sip.ua;

import dev.candor.telephony.sdp.MediaParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Opens channels at once on fixed ports (40000, 40002, ...) and records what they were asked to do. */
final class FakeMediaFactory implements MediaFactory {
    static final int FIRST_PORT = 40000;

    final List<FakeChannel> opened = new ArrayList<>();

    @Override
    public CompletionStage<MediaChannel> open() {
        FakeChannel channel = new FakeChannel(FIRST_PORT + 2 * opened.size());
        opened.add(channel);
        return CompletableFuture.completedFuture(channel);
    }

    FakeChannel last() {
        return opened.get(opened.size() - 1);
    }

    static final class FakeChannel implements MediaChannel {
        private final int port;
        MediaParameters started;
        FrameSource source;
        MediaEvents events;
        boolean closed;

        FakeChannel(int port) {
            this.port = port;
        }

        @Override
        public int localPort() {
            return port;
        }

        @Override
        public void start(MediaParameters parameters, FrameSource source, MediaEvents events) {
            this.started = parameters;
            this.source = source;
            this.events = events;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
