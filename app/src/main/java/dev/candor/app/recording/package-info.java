/**
 * Call recording: one stereo WAV per call (caller left; Candor, an agent or a barging supervisor right),
 * encrypted at rest.
 *
 * <ul>
 *   <li>{@link dev.candor.app.recording.EncryptedRecordingFormat}: the file format (AES-256-GCM in
 *       authenticated chunks, a random per-file key wrapped by the master key);
 *       {@link dev.candor.app.recording.EncryptingOutputStream} writes it,
 *       {@link dev.candor.app.recording.DecryptingInputStream} reads it back.</li>
 *   <li>{@link dev.candor.app.recording.MasterKey}: from an environment variable named in configuration,
 *       or an owner-only key file created in the data folder on first start. Never logged.</li>
 *   <li>{@link dev.candor.app.recording.CallRecorder}: what a call session calls when the call is
 *       established and when it ends; {@link dev.candor.app.recording.Recordings} implements it with a
 *       media monitor per call (media clock thread: copy and enqueue only) and one writer thread that
 *       owns every open file ({@link dev.candor.app.recording.RecordingWriter}).</li>
 *   <li>{@link dev.candor.app.recording.RecordingLibrary}: finds and decrypts recordings for the API.</li>
 * </ul>
 *
 * <p>Nothing here runs disk I/O on the media clock thread or a Netty event loop. File names are
 * Candor's call ids, never caller-supplied text.
 */
package dev.candor.app.recording;
