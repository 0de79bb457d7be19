-- What the caller's side reported about the audio Candor sent (RTCP receiver reports, the latest one
-- kept) and what Candor measured of the audio it received, updated during the call and at its end.
ALTER TABLE calls ADD COLUMN remote_fraction_lost REAL;
ALTER TABLE calls ADD COLUMN remote_cumulative_lost INTEGER;
ALTER TABLE calls ADD COLUMN remote_jitter_ms REAL;
ALTER TABLE calls ADD COLUMN remote_reports INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN received_packets INTEGER;
ALTER TABLE calls ADD COLUMN received_lost INTEGER;
ALTER TABLE calls ADD COLUMN received_jitter_ms REAL;
