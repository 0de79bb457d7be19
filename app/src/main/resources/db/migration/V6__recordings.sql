-- Call recordings: one encrypted stereo WAV per call (caller left, Candor/agent/supervisor right).
-- The row is written when recording starts and updated when it ends, so a crash leaves a row with
-- status 'recording' pointing at a file readable up to its last complete chunk.
CREATE TABLE recordings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id         TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    file_path       TEXT NOT NULL,
    format          TEXT NOT NULL,
    key_id          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'recording' CHECK (status IN ('recording', 'complete', 'failed')),
    started_at      TEXT NOT NULL,
    ended_at        TEXT,
    duration_millis INTEGER,
    bytes           INTEGER
);
CREATE INDEX recordings_call_id ON recordings (call_id, started_at);
