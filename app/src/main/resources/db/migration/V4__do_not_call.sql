-- Numbers that asked never to be called again. Campaigns check this list before dialling; each row
-- keeps the call in which the caller asked and the reason, so the decision stays accountable.
CREATE TABLE do_not_call (
    number     TEXT PRIMARY KEY,
    call_id    TEXT REFERENCES calls (id),
    reason     TEXT NOT NULL,
    added_at   TEXT NOT NULL
);
