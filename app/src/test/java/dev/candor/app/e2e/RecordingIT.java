package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.live.LiveCall;
import dev.candor.app.recording.DecryptingInputStream;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.Database;
import dev.candor.telephony.media.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recorded call end to end: sipp calls with recording enabled, the test's media port plays the caller's
 * 440 Hz tone once the greeting has started; afterwards the encrypted file is decrypted with the key file
 * Candor created, and the caller's tone must be on the left channel only, Candor's greeting on the right.
 */
class RecordingIT {
    private static final double CALLER_TONE_HZ = 440;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sippIsInstalled() {
        Sipp.assumeInstalled();
    }

    @Test
    void callIsRecordedEncryptedWithTheCallerOnTheLeftAndCandorOnTheRight() throws Exception {
        Path data = tmp.resolve("data");
        String callId;
        try (RtpPeer caller = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10, "recording.enabled=true")) {
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "5000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            // The first thing Candor says mentions the recording.
            await().atMost(Duration.ofSeconds(15)).until(() -> candor.liveCalls().snapshot().stream()
                    .anyMatch(c -> !c.transcript().isEmpty()));
            LiveCall live = candor.liveCalls().snapshot().get(0);
            callId = live.id();
            assertThat(live.transcript().get(0).speaker()).isEqualTo("candor");
            assertThat(live.transcript().get(0).text())
                    .startsWith("Hello, you're talking to Northwind Test's AI assistant")
                    .contains("This call is recorded.");

            // A second and a half of greeting, then the caller's tone until sipp hangs up.
            await().atMost(Duration.ofSeconds(15)).until(() -> caller.received().size() >= 75);
            caller.startTone(CALLER_TONE_HZ);
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();

            CallStore calls = candor.callStore();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.findCall(callId)
                    .flatMap(c -> c.endedAt()).isPresent());
        }

        // Candor has closed: the row is complete, written through the real SQLite file.
        RecordingStore.RecordingRow row;
        try (Database db = Database.open(data)) {
            row = new RecordingStore(db).latestForCall(callId).orElseThrow();
        }
        assertThat(row.status()).isEqualTo("complete");
        assertThat(row.durationMillis()).get().satisfies(ms -> assertThat(ms).isBetween(3000L, 10_000L));
        Path file = Path.of(row.filePath());
        assertThat(file.getFileName().toString()).isEqualTo(callId + ".wav.enc");
        assertThat(file).startsWith(data.resolve("recordings").toAbsolutePath());
        assertThat(row.bytes()).contains(Files.size(file));

        // On disk it is not a WAV: no RIFF header, no plain samples.
        byte[] onDisk = Files.readAllBytes(file);
        assertThat(new String(onDisk, 0, 4, StandardCharsets.US_ASCII)).isNotEqualTo("RIFF");
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("RIFF").doesNotContain("WAVEfmt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // The key file Candor created on first start: owner-only.
        Path keyFile = data.resolve(MasterKey.DEFAULT_FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        MasterKey key = MasterKey.load("", Map.of(), keyFile, false).orElseThrow();
        assertThat(row.keyId()).isEqualTo(key.id());

        WavReader.Audio audio;
        try (InputStream in = new DecryptingInputStream(Files.newInputStream(file), key,
                DecryptingInputStream.Mode.COMPLETE)) {
            audio = WavReader.read(in);
        }
        assertThat(audio.sampleRateHz()).isEqualTo(8000);
        assertThat(audio.channels()).hasNumberOfRows(2);
        List<short[]> left = frames(audio.channel(0));
        List<short[]> right = frames(audio.channel(1));
        assertThat((long) left.size() * 20).as("recorded length in ms").isEqualTo(row.durationMillis().orElseThrow());

        // The caller's tone is on the left, never on the right.
        assertThat(Signals.framesWithTone(left, CALLER_TONE_HZ)).as("frames of the caller's tone on the left")
                .isGreaterThanOrEqualTo(50);
        assertThat(Signals.framesWithTone(right, CALLER_TONE_HZ)).as("frames of the caller's tone on the right")
                .isZero();
        // Candor's greeting is on the right, before the tone began, while the left was silent.
        int toneStarts = Signals.firstFrameWithTone(left, CALLER_TONE_HZ);
        long greetingFrames = right.subList(0, toneStarts).stream().filter(f -> Signals.rms(f) > 500).count();
        assertThat(greetingFrames).as("loud frames on the right before the caller's tone").isGreaterThanOrEqualTo(25);
        assertThat(left.subList(0, toneStarts)).as("the left before the caller's tone")
                .allSatisfy(f -> assertThat(Signals.rms(f)).isLessThan(100));
    }

    private static List<short[]> frames(short[] samples) {
        List<short[]> frames = new ArrayList<>();
        for (int i = 0; i + 160 <= samples.length; i += 160) {
            frames.add(Arrays.copyOfRange(samples, i, i + 160));
        }
        return frames;
    }
}
