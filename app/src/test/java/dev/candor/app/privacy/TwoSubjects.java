package dev.candor.app.privacy;

import dev.candor.app.recording.EncryptingOutputStream;
import dev.candor.app.recording.MasterKey;
import dev.candor.app.storage.CallRecord;
import dev.candor.app.storage.CallStore;
import dev.candor.app.storage.CallbackStore;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.Direction;
import dev.candor.app.storage.DoNotCallStore;
import dev.candor.app.storage.LeadStore;
import dev.candor.app.storage.RecordingStore;
import dev.candor.app.storage.Speaker;
import dev.candor.telephony.media.StereoWavWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two phone numbers with everything Candor keeps about a number: A ({@code +15550100001}: an inbound and an
 * outbound call written in two URI forms, turns, decisions, an encrypted recording, a callback, a lead in a
 * campaign with a dial attempt and a decision, a do-not-call entry pointing at its call) and B
 * ({@code +15550100002}: the same kinds of rows). B's inbound call was made to a URI holding A's number, which
 * must not make it A's call: only the remote party counts.
 */
public final class TwoSubjects {
    public static final String A = "+15550100001";
    public static final String B = "+15550100002";
    public static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");

    public final Path recordingA;
    public final Path recordingB;

    private TwoSubjects(Path recordingA, Path recordingB) {
        this.recordingA = recordingA;
        this.recordingB = recordingB;
    }

    public static TwoSubjects seed(Database db, Path recordingsDir, MasterKey key) throws IOException {
        CallStore calls = new CallStore(db);
        RecordingStore recordings = new RecordingStore(db);
        LeadStore leads = new LeadStore(db);
        CampaignStore campaigns = new CampaignStore(db);
        CallbackStore callbacks = new CallbackStore(db);
        DoNotCallStore dnc = new DoNotCallStore(db);
        Files.createDirectories(recordingsDir);

        calls.createCall(new CallRecord("a-in", Direction.INBOUND, "\"Ann\" <sip:+15550100001@trunk>", "sip:candor@node",
                "sip-a-in", T0));
        calls.createCall(new CallRecord("a-out", Direction.OUTBOUND, "sip:candor@node",
                "sip:+1-555-010-0001@trunk;user=phone", "sip-a-out", T0.plusSeconds(60)));
        calls.createCall(new CallRecord("b-in", Direction.INBOUND, "sip:+15550100002@trunk", "sip:+15550100001@node",
                "sip-b-in", T0.plusSeconds(120)));
        for (String id : List.of("a-in", "a-out", "b-in")) {
            calls.startTurn(id, Speaker.CANDOR, "Hello, this is Candor, an AI assistant.", T0);
            calls.startTurn(id, Speaker.CALLER, "Hi, " + id + " here.", T0.plusSeconds(2));
            calls.addDecision(id, "handoff", "caller_request", Map.of("note", "from " + id), T0.plusSeconds(3));
            calls.markEnded(id, T0.plusSeconds(30), "caller_hung_up");
        }
        Path a = recording(recordings, key, recordingsDir.resolve("a-in.wav.enc"), "a-in");
        Path b = recording(recordings, key, recordingsDir.resolve("b-in.wav.enc"), "b-in");

        callbacks.add(Optional.of("a-in"), "sip:+15550100001@trunk", T0.plusSeconds(3600), "after lunch", T0);
        callbacks.add(Optional.empty(), "tel:+15550100002", T0.plusSeconds(7200), "tomorrow", T0);

        long leadA = leads.upsert(new LeadStore.LeadData(A, "Ann Able", "Able Co", "America/New_York", true,
                "pricing", "met at expo", Map.of("location", "Boston")), T0);
        long leadB = leads.upsert(new LeadStore.LeadData(B, "Ben Baker", "Baker Ltd", "America/Chicago", false,
                "", "", Map.of()), T0);
        long campaign = campaigns.create(new CampaignStore.Settings("spring", LocalTime.of(9, 0), LocalTime.of(17, 0),
                EnumSet.allOf(DayOfWeek.class), 1, 10, 3, Duration.ofMinutes(30)), T0);
        campaigns.addLeads(campaign, List.of(leadA, leadB), T0);
        campaigns.startAttempt(Optional.of(new CampaignStore.Claim(campaign, leadA, 0)), Optional.empty(), 1, "node-1",
                Optional.of("a-out"), T0.plusSeconds(60));
        campaigns.startAttempt(Optional.of(new CampaignStore.Claim(campaign, leadB, 0)), Optional.empty(), 1, "node-1",
                Optional.empty(), T0.plusSeconds(90));
        calls.addLeadDecision(leadA, Optional.empty(), "skipped", "outside_hours", Map.of(), T0);

        dnc.add("sip:+15550100001@trunk", Optional.of("a-in"), "asked never to be called again", T0.plusSeconds(20));
        dnc.add(B, Optional.empty(), "imported", T0);
        return new TwoSubjects(a, b);
    }

    private static Path recording(RecordingStore recordings, MasterKey key, Path file, String callId)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             StereoWavWriter wav = StereoWavWriter.to(new EncryptingOutputStream(out, key, new SecureRandom(), 1000))) {
            wav.write(new short[800], new short[800]);
        }
        long row = recordings.started(callId, file.toString(), "v1", key.id(), T0);
        recordings.ended(row, "complete", T0.plusSeconds(30), 100, Files.size(file));
        return file;
    }
}
