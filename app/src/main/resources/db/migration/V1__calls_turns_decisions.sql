-- V1: the call record. Every call leaves a row in calls, every turn a row in turns, every
-- decision a row in decisions, written as they happen.
-- Timestamps are ISO-8601 UTC text with millisecond precision: 2026-11-23T10:15:30.123Z
-- (fixed width, so text order is time order).
-- Never edit this file once released: add V2__... instead (applied scripts are checksummed).

CREATE TABLE calls (
    id          TEXT PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    from_uri    TEXT,
    to_uri      TEXT,
    sip_call_id TEXT,
    started_at  TEXT NOT NULL,
    answered_at TEXT,
    ended_at    TEXT,
    end_reason  TEXT
);

CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_sip_call_id ON calls (sip_call_id);

CREATE TABLE turns (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id     TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    speaker     TEXT NOT NULL CHECK (speaker IN ('caller', 'candor', 'agent', 'supervisor')),
    text        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    interrupted INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX turns_call_id ON turns (call_id, started_at);

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id    TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    details    TEXT, -- JSON object
    decided_at TEXT NOT NULL
);

CREATE INDEX decisions_call_id ON decisions (call_id, decided_at);
