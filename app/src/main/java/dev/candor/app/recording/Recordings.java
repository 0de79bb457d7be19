package dev.candor.app.recording;

import dev.candor.app.storage.RecordingStore;
import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.media.MediaMonitor;
import dev.candor.telephony.media.Registration;
import dev.candor.telephony.media.StereoWavWriter;
import dev.candor.telephony.media.WavRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Records calls when {@code recording.enabled}: each call to {@code <dir>/<yyyy-mm-dd>/<call id>.wav.enc},
 * an {@link EncryptedRecordingFormat} file holding a stereo WAV (caller left, what the caller hears right).
 * The file is created, and its {@code recordings} row written, on the thread that starts the recording (a
 * call thread); frames then travel from the media clock through {@link RecordingWriter}.
 */
public final class Recordings implements CallRecorder, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Recordings.class);
    /** Candor's call ids are UUIDs; anything else never becomes part of a file name. */
    private static final Pattern SAFE_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final int QUEUE_TICKS = 50 * 60 * 10;   // ten call-minutes of frames
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** The file name suffix of encrypted recordings. */
    public static final String SUFFIX = ".wav.enc";

    private final RecordingStore store;
    private final MasterKey key;
    private final Path dir;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RecordingWriter writer;

    public Recordings(RecordingStore store, MasterKey key, Path dir, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = new RecordingWriter(store, clock, QUEUE_TICKS);
    }

    @Override
    public Active start(CallLeg leg) {
        String callId = leg.id();
        try {
            OpenRecording recording = open(callId);
            writer.opened(recording);
            Registration registration = leg.addMonitor(new Tap(recording, writer));
            log.info("call {}: recording to {} (master key id {})", callId, recording.file, key.id());
            AtomicBoolean stopped = new AtomicBoolean();
            return () -> {
                if (stopped.compareAndSet(false, true)) {
                    registration.close();
                    writer.finish(recording);
                }
            };
        } catch (IOException | RuntimeException e) {
            log.error("call {}: recording could not start; the call goes on unrecorded", callId, e);
            return Active.NONE;
        }
    }

    private OpenRecording open(String callId) throws IOException {
        String name = SAFE_ID.matcher(callId).matches() ? callId : UUID.randomUUID().toString();
        Path day = dir.resolve(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        Files.createDirectories(day);
        Path file = day.resolve(name + SUFFIX).toAbsolutePath().normalize();
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(day)));
        EncryptingOutputStream encrypted;
        StereoWavWriter wav;
        try {
            encrypted = new EncryptingOutputStream(out, key, random, EncryptingOutputStream.DEFAULT_CHUNK_BYTES);
            wav = StereoWavWriter.to(encrypted);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        long row = store.started(callId, file.toString(), EncryptedRecordingFormat.FORMAT_NAME, key.id(),
                clock.instant());
        return new OpenRecording(callId, row, file, new WavRecorder(wav), encrypted);
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    /** Finishes every recording still open (writing what is queued first). */
    @Override
    public void close() {
        writer.close();
    }

    /**
     * The media clock side: pairs what the caller said with what they heard in the same tick and hands
     * both to the writer. Runs on the media clock thread only; copies, never blocks.
     */
    private static final class Tap implements MediaMonitor {
        private final OpenRecording recording;
        private final RecordingWriter writer;
        private short[] caller;

        Tap(OpenRecording recording, RecordingWriter writer) {
            this.recording = recording;
            this.writer = writer;
        }

        @Override
        public void onReceived(short[] frame) {
            if (caller != null) {
                writer.offer(recording, caller, null);   // a tick that sent a key press instead of audio
            }
            caller = frame.clone();
        }

        @Override
        public void onSent(short[] frame) {
            writer.offer(recording, caller, frame.clone());
            caller = null;
        }

        @Override
        public String toString() {
            return "recorder of call " + recording.callId;
        }
    }
}
