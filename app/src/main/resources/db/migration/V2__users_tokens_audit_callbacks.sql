-- People who use the console and the API. Passwords are stored only as slow salted hashes.
CREATE TABLE users (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    agent_name    TEXT,
    created_at    TEXT NOT NULL
);

-- API tokens: only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    agent_name TEXT,
    created_at TEXT NOT NULL
);

-- Who did what in the console and the API.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT,
    details  TEXT,
    at       TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Callbacks promised to callers.
CREATE TABLE callbacks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id     TEXT REFERENCES calls (id) ON DELETE CASCADE,
    phone_uri   TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    note        TEXT,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
    created_at  TEXT NOT NULL
);
CREATE INDEX callbacks_due_at ON callbacks (due_at);
