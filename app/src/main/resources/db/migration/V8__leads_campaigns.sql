-- V8: leads (known callers and people to call), outbound campaigns, their attempts, and the claims that
-- let several Candor nodes share one database without dialling the same person twice.

-- A lead, keyed by its E.164 number. gender, age and location live in attributes (JSON) with anything
-- else an import carried; they brief the person who takes the call and never reach the lead score.
CREATE TABLE leads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    phone       TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL DEFAULT '',
    company     TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL,
    vip         INTEGER NOT NULL DEFAULT 0,
    interest    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    attributes  TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- An outbound campaign. Calling hours are wall-clock times in each lead's own time zone; days are a
-- comma-separated list of ISO day numbers (1 = Monday ... 7 = Sunday).
CREATE TABLE campaigns (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'done')),
    hours_start         TEXT NOT NULL,
    hours_end           TEXT NOT NULL,
    days                TEXT NOT NULL,
    max_concurrent      INTEGER NOT NULL CHECK (max_concurrent >= 1),
    max_per_minute      INTEGER NOT NULL CHECK (max_per_minute >= 1),
    max_attempts        INTEGER NOT NULL CHECK (max_attempts >= 1),
    retry_delay_seconds INTEGER NOT NULL CHECK (retry_delay_seconds >= 0),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

-- One lead in one campaign. A node claims a due row by moving it from 'pending' to 'dialing' in one
-- UPDATE, stamping its node id and a lease; a row whose lease ran out (its node died) is claimable again.
CREATE TABLE campaign_leads (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    lead_id         INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'dialing', 'done', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by      TEXT,
    claimed_at      TEXT,
    lease_until     TEXT,
    last_outcome    TEXT,
    PRIMARY KEY (campaign_id, lead_id)
);
CREATE INDEX campaign_leads_due ON campaign_leads (campaign_id, status, next_attempt_at);

-- Every dial: of a campaign lead or of a promised callback. outcome: no_answer, busy, failed, answered
-- (then end_reason, handoff_reason, callback, do_not_call say how the conversation ended).
CREATE TABLE dial_attempts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id    INTEGER REFERENCES campaigns (id) ON DELETE CASCADE,
    lead_id        INTEGER REFERENCES leads (id) ON DELETE CASCADE,
    callback_id    INTEGER REFERENCES callbacks (id) ON DELETE CASCADE,
    attempt        INTEGER NOT NULL,
    node_id        TEXT NOT NULL,
    call_id        TEXT REFERENCES calls (id) ON DELETE SET NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    outcome        TEXT,
    end_reason     TEXT,
    handoff_reason TEXT,
    callback       INTEGER NOT NULL DEFAULT 0,
    do_not_call    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dial_attempts_campaign ON dial_attempts (campaign_id, started_at);
CREATE INDEX dial_attempts_lead ON dial_attempts (lead_id);

-- Promised callbacks are dialled by whichever node claims them first, with the same lease.
ALTER TABLE callbacks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE callbacks ADD COLUMN claimed_by TEXT;
ALTER TABLE callbacks ADD COLUMN lease_until TEXT;

-- Decisions about a lead that are taken without a call (a number skipped because it is on the
-- do-not-call list) have no call: decisions gets a nullable call_id and a lead_id. SQLite cannot drop
-- NOT NULL in place, so the table is rebuilt with its rows and index.
CREATE TABLE decisions_v8 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id    TEXT REFERENCES calls (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    details    TEXT,
    decided_at TEXT NOT NULL,
    lead_id    INTEGER REFERENCES leads (id) ON DELETE CASCADE,
    CHECK (call_id IS NOT NULL OR lead_id IS NOT NULL)
);
INSERT INTO decisions_v8 (id, call_id, kind, reason, details, decided_at)
    SELECT id, call_id, kind, reason, details, decided_at FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_v8 RENAME TO decisions;
CREATE INDEX decisions_call_id ON decisions (call_id, decided_at);
CREATE INDEX decisions_lead_id ON decisions (lead_id, decided_at);
