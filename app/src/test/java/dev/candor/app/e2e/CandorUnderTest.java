package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.config.CandorConfig;
import dev.candor.app.config.ConfigLoader;
import dev.candor.speech.asr.RecognizerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts Candor in-process on free ports with a temporary data folder, through the real configuration path. */
final class CandorUnderTest {
    private CandorUnderTest() {
    }

    static CandorApplication start(Path dataDir, int agentSipPort, int answerTimeoutSeconds, String... extraSets)
            throws InterruptedException {
        return start(dataDir, agentSipPort, answerTimeoutSeconds, Optional.empty(), extraSets);
    }

    static CandorApplication start(Path dataDir, int agentSipPort, int answerTimeoutSeconds,
                                   Optional<RecognizerFactory> recognizer, String... extraSets)
            throws InterruptedException {
        int sipPort = Sipp.freeUdpPort();
        // Below Linux's ephemeral range (32768-60999), so no port a test picks with freeUdpPort() collides.
        int rtpBase = 20000 + 2 * (int) (ProcessHandle.current().pid() % 4000);
        List<String> sets = new ArrayList<>(List.of(
                "company.name=Northwind Test",
                "speech.vosk.download=false",
                "sip.bind=127.0.0.1",
                "sip.port=" + sipPort,
                "sip.public-address=127.0.0.1",
                "rtp.port-min=" + rtpBase,
                "rtp.port-max=" + (rtpBase + 199),
                "http.port=" + Sipp.freeUdpPort(),
                "data.dir=" + dataDir,
                "handoff.agents=[{name: Alice, uri: \"sip:alice@127.0.0.1:" + agentSipPort + "\"}]",
                "handoff.answer-timeout-seconds=" + answerTimeoutSeconds));
        sets.addAll(List.of(extraSets));
        CandorConfig config = ConfigLoader.load(Optional.empty(), Map.of(), sets);
        return recognizer.isPresent() ? CandorApplication.start(config, recognizer) : CandorApplication.start(config);
    }
}
